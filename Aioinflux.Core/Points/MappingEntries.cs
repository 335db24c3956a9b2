using System.Collections;

namespace Aioinflux.Serialization;

/// <summary>
/// Walks the <c>tags</c> or <c>fields</c> of a mapping point, whatever collection holds them: a
/// <see cref="Dictionary{TKey, TValue}"/> of <see cref="object"/> or <see cref="string"/> values without allocating,
/// any other <see cref="IEnumerable{T}"/> of <see cref="KeyValuePair{TKey, TValue}"/> with such values, or a
/// non-generic <see cref="IDictionary"/> (which every <c>Dictionary&lt;string, T&gt;</c> is) with string keys.
/// </summary>
internal struct MappingEntries
{
    private readonly Kind _kind;
    private readonly string _member;
    private Dictionary<string, object?>.Enumerator _objects;
    private Dictionary<string, string?>.Enumerator _strings;
    private readonly IEnumerator<KeyValuePair<string, object?>>? _objectPairs;
    private readonly IEnumerator<KeyValuePair<string, string?>>? _stringPairs;
    private readonly IDictionaryEnumerator? _entries;

    private MappingEntries(object collection, string member)
    {
        _member = member;
        switch (collection)
        {
            case Dictionary<string, object?> objects:
                _kind = Kind.Objects;
                _objects = objects.GetEnumerator();
                break;
            case Dictionary<string, string?> strings:
                _kind = Kind.Strings;
                _strings = strings.GetEnumerator();
                break;
            case IEnumerable<KeyValuePair<string, object?>> objectPairs:
                _kind = Kind.ObjectPairs;
                _objectPairs = objectPairs.GetEnumerator();
                break;
            case IEnumerable<KeyValuePair<string, string?>> stringPairs:
                _kind = Kind.StringPairs;
                _stringPairs = stringPairs.GetEnumerator();
                break;
            case IDictionary entries:
                _kind = Kind.Entries;
                _entries = entries.GetEnumerator();
                break;
            default:
                DynamicPointThrow.NotAMapping(member, collection);
                break;
        }
    }

    private enum Kind
    {
        Objects,
        Strings,
        ObjectPairs,
        StringPairs,
        Entries,
    }

    /// <summary>The key of the current entry; <see langword="null"/> only if the collection holds a null key.</summary>
    public string? Key { get; private set; }

    /// <summary>The value of the current entry.</summary>
    public object? Value { get; private set; }

    /// <summary>Starts walking <paramref name="collection"/>.</summary>
    /// <param name="collection">The value of the mapping's <c>tags</c> or <c>fields</c>.</param>
    /// <param name="member"><c>tags</c> or <c>fields</c>, for error messages.</param>
    /// <exception cref="LineProtocolException">The collection is not one of the supported kinds.</exception>
    public static MappingEntries Of(object collection, string member) => new(collection, member);

    /// <summary>Moves to the next entry.</summary>
    /// <returns><see langword="false"/> at the end.</returns>
    /// <exception cref="LineProtocolException">A non-generic dictionary holds a key that is not a string.</exception>
    public bool MoveNext()
    {
        switch (_kind)
        {
            case Kind.Objects:
                if (!_objects.MoveNext())
                {
                    return false;
                }

                (Key, Value) = _objects.Current;
                return true;
            case Kind.Strings:
                if (!_strings.MoveNext())
                {
                    return false;
                }

                (Key, Value) = _strings.Current;
                return true;
            case Kind.ObjectPairs:
                if (!_objectPairs!.MoveNext())
                {
                    return false;
                }

                (Key, Value) = _objectPairs.Current;
                return true;
            case Kind.StringPairs:
                if (!_stringPairs!.MoveNext())
                {
                    return false;
                }

                (Key, Value) = _stringPairs.Current;
                return true;
            default:
                if (!_entries!.MoveNext())
                {
                    return false;
                }

                DictionaryEntry entry = _entries.Entry;
                if (entry.Key is not string key)
                {
                    DynamicPointThrow.NonStringKey(_member, entry.Key);
                    return false;
                }

                Key = key;
                Value = entry.Value;
                return true;
        }
    }

    /// <summary>Releases the enumerator.</summary>
    public readonly void Dispose()
    {
        _objectPairs?.Dispose();
        _stringPairs?.Dispose();
        (_entries as IDisposable)?.Dispose();
    }
}
