using Aioinflux.Benchmarks.EndToEnd;
using BenchmarkDotNet.Running;

namespace Aioinflux.Benchmarks;

/// <summary>
/// Runs the benchmarks chosen on the command line, e.g. <c>--filter '*SerializerBenchmarks*'</c>, or, with a command first,
/// an end-to-end benchmark against real servers: <c>write-e2e</c> (<see cref="WriteEndToEnd"/>), <c>batch-e2e</c>
/// (<see cref="BatchEndToEnd"/>) or <c>cache-e2e</c> (<see cref="CacheEndToEnd"/>).
/// </summary>
public static class Program
{
    /// <summary>The entry point.</summary>
    /// <param name="args">BenchmarkDotNet's command-line arguments, or an end-to-end command and its options.</param>
    /// <returns>The process exit code.</returns>
    public static async Task<int> Main(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Length > 0 && args[0] == WriteEndToEnd.Command)
        {
            return await WriteEndToEnd.RunAsync(args[1..]).ConfigureAwait(false);
        }

        if (args.Length > 0 && args[0] == BatchEndToEnd.Command)
        {
            return await BatchEndToEnd.RunAsync(args[1..]).ConfigureAwait(false);
        }

        if (args.Length > 0 && args[0] == CacheEndToEnd.Command)
        {
            return await CacheEndToEnd.RunAsync(args[1..]).ConfigureAwait(false);
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
