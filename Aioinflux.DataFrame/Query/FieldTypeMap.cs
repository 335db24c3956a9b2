namespace Aioinflux.Query;

/// <summary>InfluxDB's field types by measurement and field (<c>SHOW FIELD KEYS</c>), as the kinds columns start as.</summary>
internal sealed class FieldTypeMap
{
    private readonly Dictionary<string, Dictionary<string, ColumnKind>> _measurements = new(StringComparer.Ordinal);

    public FieldTypeMap(IEnumerable<FieldKeyInfo> fieldKeys)
    {
        foreach (FieldKeyInfo field in fieldKeys)
        {
            ColumnKind kind = field.Type switch
            {
                "float" => ColumnKind.Double,
                "integer" => ColumnKind.Int64,
                "string" => ColumnKind.String,
                "boolean" => ColumnKind.Boolean,
                _ => ColumnKind.Empty, // "unsigned", or a type this version does not know: typed from the values
            };
            if (kind == ColumnKind.Empty)
            {
                continue;
            }

            if (!_measurements.TryGetValue(field.Measurement, out Dictionary<string, ColumnKind>? fields))
            {
                fields = new Dictionary<string, ColumnKind>(StringComparer.Ordinal);
                _measurements.Add(field.Measurement, fields);
            }

            // A field written with different types in different shards is listed once per type: take the type that holds both.
            fields[field.Key] = fields.TryGetValue(field.Key, out ColumnKind other) && other != kind
                ? (kind, other) is (ColumnKind.Int64, ColumnKind.Double) or (ColumnKind.Double, ColumnKind.Int64) ? ColumnKind.Double : ColumnKind.String
                : kind;
        }
    }

    /// <summary>The kind each column of a series starts as: its field's type, or <see cref="ColumnKind.Empty"/>.</summary>
    public ColumnKind KindOf(string measurement, string column)
        => _measurements.TryGetValue(measurement, out Dictionary<string, ColumnKind>? fields) && fields.TryGetValue(column, out ColumnKind kind)
            ? kind
            : ColumnKind.Empty;
}
