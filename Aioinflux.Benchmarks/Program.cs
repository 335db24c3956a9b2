using Aioinflux.Benchmarks.EndToEnd;
using BenchmarkDotNet.Running;

namespace Aioinflux.Benchmarks;

/// <summary>
/// Runs the benchmarks chosen on the command line, e.g. <c>--filter '*SerializerBenchmarks*'</c>, or, with
/// <c>write-e2e</c> first, the end-to-end write benchmark against influxd (<see cref="WriteEndToEnd"/>).
/// </summary>
public static class Program
{
    /// <summary>The entry point.</summary>
    /// <param name="args">BenchmarkDotNet's command-line arguments, or <c>write-e2e</c> and its options.</param>
    /// <returns>The process exit code.</returns>
    public static async Task<int> Main(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Length > 0 && args[0] == WriteEndToEnd.Command)
        {
            return await WriteEndToEnd.RunAsync(args[1..]).ConfigureAwait(false);
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
