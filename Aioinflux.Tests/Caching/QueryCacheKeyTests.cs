using Aioinflux.Caching;

namespace Aioinflux.Tests.Caching;

/// <summary>The cache key covers everything that changes the answer, and only reads are cached.</summary>
public class QueryCacheKeyTests
{
    private static readonly string Anonymous = QueryCacheKey.HashIdentity(null, null, null);

    private static QueryCacheRequest Base => new()
    {
        ServerAddress = "http://influx:8086/",
        Database = "db",
        RetentionPolicy = null,
        Query = "SELECT value FROM cpu WHERE host = $host",
        Parameters = [new("host", "a")],
        Epoch = "ns",
        Chunked = false,
        ChunkSize = 0,
        IdentityHash = Anonymous,
    };

    private static string KeyOf(QueryCacheRequest request)
    {
        Assert.That(QueryCacheKey.TryCreate("aioinflux:", request, out QueryCacheKey? key), Is.Null);
        return key!.Key;
    }

    public static IEnumerable<TestCaseData> Variations()
    {
        QueryCacheRequest b = Base;
        yield return new TestCaseData(b with { IdentityHash = QueryCacheKey.HashIdentity("alice", null, null) }).SetName("A_user_changes_the_key");
        yield return new TestCaseData(b with { IdentityHash = QueryCacheKey.HashIdentity(null, "alice", null) }).SetName("A_token_changes_the_key");
        yield return new TestCaseData(b with { IdentityHash = QueryCacheKey.HashIdentity(null, null, "alice") }).SetName("An_explicit_identity_changes_the_key");
        yield return new TestCaseData(b with { Database = "other" }).SetName("The_database_changes_the_key");
        yield return new TestCaseData(b with { Database = null }).SetName("No_database_is_not_the_default_database");
        yield return new TestCaseData(b with { Database = "" }).SetName("An_empty_database_is_not_no_database");
        yield return new TestCaseData(b with { RetentionPolicy = "autogen" }).SetName("The_retention_policy_changes_the_key");
        yield return new TestCaseData(b with { Epoch = "ms" }).SetName("The_epoch_changes_the_key");
        yield return new TestCaseData(b with { Epoch = null }).SetName("RFC3339_times_are_not_an_epoch");
        yield return new TestCaseData(b with { Parameters = [new("host", "b")] }).SetName("A_parameter_value_changes_the_key");
        yield return new TestCaseData(b with { Parameters = [new("other", "a")] }).SetName("A_parameter_name_changes_the_key");
        yield return new TestCaseData(b with { Parameters = null }).SetName("No_parameters_differ_from_some");
        yield return new TestCaseData(b with { Parameters = [new("host", "a"), new("x", 1L)] }).SetName("An_extra_parameter_changes_the_key");
        yield return new TestCaseData(b with { Chunked = true }).SetName("Chunking_changes_the_key");
        yield return new TestCaseData(b with { Chunked = true, ChunkSize = 100 }).SetName("The_chunk_size_changes_the_key");
        yield return new TestCaseData(b with { ServerAddress = "http://influx:8086/proxy/" }).SetName("The_server_path_changes_the_key");
        yield return new TestCaseData(b with { ServerAddress = "http://other:8086/" }).SetName("The_server_changes_the_key");
        yield return new TestCaseData(b with { Query = "SELECT value FROM cpu WHERE host = $host " }).SetName("The_query_text_changes_the_key");
    }

    [TestCaseSource(nameof(Variations))]
    public void Each_field_that_changes_the_answer_changes_the_key(object variation)
        => Assert.That(KeyOf((QueryCacheRequest)variation), Is.Not.EqualTo(KeyOf(Base)));

    [Test]
    public void The_same_request_always_has_the_same_key()
    {
        string first = KeyOf(Base);
        string second = KeyOf(Base);
        Assert.That(second, Is.EqualTo(first));
    }

    [Test]
    public void Chunk_sizes_differ_from_each_other()
        => Assert.That(KeyOf(Base with { Chunked = true, ChunkSize = 100 }), Is.Not.EqualTo(KeyOf(Base with { Chunked = true, ChunkSize = 10_000 })));

    [Test]
    public void Parameters_in_another_order_share_the_key()
    {
        string one = KeyOf(Base with { Parameters = [new("a", 1L), new("b", "x")] });
        string other = KeyOf(Base with { Parameters = new Dictionary<string, object?> { ["b"] = "x", ["a"] = 1L } });
        Assert.That(one, Is.EqualTo(other));
    }

    [Test]
    public void Parameter_values_of_different_types_have_different_keys()
    {
        object?[] values = [1L, 1.0, "1", true, "true", null, "null", 1.5f, 1.5, 1.5m];
        string[] keys = values.Select(v => KeyOf(Base with { Parameters = [new("v", v)] })).ToArray();
        Assert.That(keys, Is.Unique);
    }

    [Test]
    public void Integers_of_any_width_share_the_key_they_send_alike()
        => Assert.That(KeyOf(Base with { Parameters = [new("v", 7)] }), Is.EqualTo(KeyOf(Base with { Parameters = [new("v", 7L)] })));

    [Test]
    public void A_parameter_of_an_unknown_type_is_not_cached()
    {
        string? reason = QueryCacheKey.TryCreate("aioinflux:", Base with { Parameters = [new("v", new object())] }, out QueryCacheKey? key);
        Assert.Multiple(() =>
        {
            Assert.That(key, Is.Null);
            Assert.That(reason, Does.Contain("System.Object"));
        });
    }

    [Test]
    public void A_user_name_and_an_equal_token_are_different_identities()
        => Assert.That(QueryCacheKey.HashIdentity("same", null, null), Is.Not.EqualTo(QueryCacheKey.HashIdentity(null, "same", null)));

    [Test]
    public void The_key_is_the_prefix_and_a_hash_that_holds_no_credential()
    {
        const string Token = "s3cr3t-token-value";
        string key = KeyOf(Base with { IdentityHash = QueryCacheKey.HashIdentity("alice", Token, null) });
        Assert.Multiple(() =>
        {
            Assert.That(key, Does.Match("^aioinflux:[0-9a-f]{64}$"));
            Assert.That(QueryCacheKey.HashIdentity("alice", Token, null), Does.Not.Contain(Token).And.Not.Contain("alice"));
        });
    }

    public static IEnumerable<string> Writes() =>
    [
        "CREATE DATABASE db",
        "DROP DATABASE db",
        "DROP MEASUREMENT cpu",
        "DELETE FROM cpu WHERE time < now() - 1d",
        "ALTER RETENTION POLICY autogen ON db DURATION 1d",
        "GRANT ALL TO alice",
        "REVOKE ALL PRIVILEGES FROM alice",
        "KILL QUERY 36",
        "SET PASSWORD FOR alice = 'x'",
        "SELECT * INTO copy FROM cpu",
        "select mean(value) into \"db\".\"rp\".\"m\" from cpu group by time(1h)",
        "SELECT * FROM cpu; DROP DATABASE db",
        "SELECT * FROM cpu;DROP DATABASE db;",
        "SHOW DATABASES; CREATE DATABASE x",
        "EXPLAIN SELECT * FROM cpu",
        "  -- a comment\n  DROP DATABASE db",
        "/* leading */ DROP DATABASE db",
        "SELECT 1 --x\r; DROP DATABASE y",
        "SELECT * FROM cpu WHERE t = 'unterminated",
        "SELECT * FROM cpu WHERE t = 'it''s'; DROP DATABASE db",
        "SELECT * FROM cpu WHERE host =~ /'/; DROP DATABASE db; SELECT '/",
        "SELECT * FROM cpu WHERE a = 1 / 2; DROP DATABASE db; SELECT '/'",
        "SELECT * FROM cpu WHERE host =~ /a\\/; DROP DATABASE db; SELECT b/",
        "(SELECT * FROM cpu)",
        "",
        " ; ",
    ];

    [TestCaseSource(nameof(Writes))]
    public void Statements_that_modify_data_are_not_cacheable(string query)
        => Assert.That(QueryCacheKey.IsCacheable(query), Is.False);

    public static IEnumerable<string> Reads() =>
    [
        "SELECT * FROM cpu",
        "select value from cpu where host = 'a;DROP DATABASE db'",
        "SELECT \"into\" FROM \"drop\" WHERE \"delete\" = 'create'",
        "SELECT value FROM cpu -- not INTO anything\n",
        "SHOW DATABASES",
        "SHOW MEASUREMENTS; SHOW TAG KEYS FROM cpu",
        "SELECT mean(value) FROM cpu WHERE time > now() - 1h GROUP BY time(10m), host",
        "SELECT * FROM cpu WHERE host =~ /^web-(01|02)$/",
        "SELECT * FROM cpu WHERE host =~ /it's/",
        "SELECT a / b FROM cpu",
        "SELECT * FROM /cpu.*/ GROUP BY /ho/",
        "SELECT * FROM cpu WHERE value > $threshold AND host = $host",
        "SELECT * FROM cpu;",
    ];

    [TestCaseSource(nameof(Reads))]
    public void Reads_are_cacheable(string query)
        => Assert.That(QueryCacheKey.IsCacheable(query), Is.True);

    [Test]
    public void A_leading_block_comment_is_refused_because_its_slash_calls_in_the_blunt_check()
        => Assert.That(QueryCacheKey.IsCacheable("/* why */ SELECT * FROM cpu"), Is.False);

    [Test]
    public void A_write_statement_gets_no_key_and_counts_as_skipped()
    {
        using var cache = new QueryCache(new QueryCacheOptions { Configuration = "127.0.0.1:1" });
        QueryCacheKey? key = cache.TryCreateKey(Base with { Query = "DROP DATABASE db" });
        Assert.Multiple(() =>
        {
            Assert.That(key, Is.Null);
            Assert.That(cache.Statistics.Skipped, Is.EqualTo(1));
        });
    }

    [Test]
    public void The_cache_s_Identity_option_joins_the_client_s_credentials_in_the_identity()
    {
        using var plain = new QueryCache(new QueryCacheOptions { Configuration = "127.0.0.1:1" });
        using var named = new QueryCache(new QueryCacheOptions { Configuration = "127.0.0.1:1", Identity = "svc-reports" });
        Assert.Multiple(() =>
        {
            Assert.That(plain.HashIdentity("alice", null), Is.EqualTo(QueryCacheKey.HashIdentity("alice", null, null)));
            Assert.That(named.HashIdentity("alice", null), Is.Not.EqualTo(plain.HashIdentity("alice", null)));
        });
    }

    public static IEnumerable<TestCaseData> InvalidOptions()
    {
        yield return new TestCaseData(new QueryCacheOptions(), "needs a Redis connection").SetName("Options_without_a_connection_are_refused");
        yield return new TestCaseData(new QueryCacheOptions { Configuration = "a:1", ConfigurationOptions = new StackExchange.Redis.ConfigurationOptions() }, "more than one").SetName("Options_with_two_connections_are_refused");
        yield return new TestCaseData(new QueryCacheOptions { Configuration = "a:1", KeyPrefix = "" }, "KeyPrefix").SetName("An_empty_key_prefix_is_refused");
        yield return new TestCaseData(new QueryCacheOptions { Configuration = "a:1", CacheExpiry = TimeSpan.Zero }, "CacheExpiry").SetName("A_zero_expiry_is_refused");
        yield return new TestCaseData(new QueryCacheOptions { Configuration = "a:1", Timeout = TimeSpan.Zero }, "Timeout").SetName("A_zero_timeout_is_refused");
        yield return new TestCaseData(new QueryCacheOptions { Configuration = "a:1", MaxEntryBytes = 0 }, "MaxEntryBytes").SetName("A_zero_entry_size_is_refused");
    }

    [TestCaseSource(nameof(InvalidOptions))]
    public void Invalid_options_are_refused_naming_what_to_fix(QueryCacheOptions options, string named)
        => Assert.That(() => new QueryCache(options), Throws.ArgumentException.With.Message.Contain(named));
}
