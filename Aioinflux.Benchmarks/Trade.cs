namespace Aioinflux.Benchmarks;

/// <summary>The side of a trade.</summary>
public enum Side
{
    /// <summary>A buy.</summary>
    Buy,

    /// <summary>A sell.</summary>
    Sell,
}

/// <summary>The docs' Trade, as the README shows it.</summary>
/// <param name="Timestamp">Nanoseconds since the Unix epoch.</param>
/// <param name="Instrument">The instrument traded.</param>
/// <param name="Side">The side.</param>
/// <param name="Price">The price.</param>
/// <param name="Size">The quantity.</param>
/// <param name="TradeId">The trade's identifier.</param>
[LineProtocol(Measurement = "trades")]
[ExtraTag("exchange", "NASDAQ")]
public partial record Trade(
    [property: TimeInt] long Timestamp,
    [property: Tag] string Instrument,
    [property: Tag] Side Side,
    [property: Field] double Price,
    [property: Field] long Size,
    [property: Field("trade_id")] string TradeId);
