namespace Aioinflux.Caching;

/// <summary>Waits on Redis with the cache's own deadline, and cleans up after a command that was given up on.</summary>
internal static class RedisTasks
{
    /// <summary>
    /// Awaits <paramref name="task"/> for at most <paramref name="timeout"/>. A command given up on still completes later;
    /// its result (a pooled <see cref="StackExchange.Redis.RespResult"/>, say) is then disposed and its failure observed.
    /// </summary>
    public static async Task<T> WaitAsync<T>(Task<T> task, TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            return await task.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception) when (!task.IsCompleted)
        {
            DisposeWhenDone(task);
            throw;
        }
    }

    public static void DisposeWhenDone<T>(Task<T> task)
        => task.ContinueWith(
            static completed =>
            {
                if (completed.IsCompletedSuccessfully)
                {
                    (completed.Result as IDisposable)?.Dispose();
                }
                else
                {
                    _ = completed.Exception;
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);

    /// <summary>Whether <paramref name="exception"/> is Redis failing rather than the caller cancelling.</summary>
    public static bool IsFailure(Exception exception, CancellationToken cancellationToken)
        => exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested;
}
