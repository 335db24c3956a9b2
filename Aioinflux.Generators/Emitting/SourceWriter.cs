using System;
using System.Text;

namespace Aioinflux.Generators.Emitting;

/// <summary>A <see cref="StringBuilder"/> that tracks indentation (after System.Text.Json's generator).</summary>
internal sealed class SourceWriter
{
    private const int SpacesPerIndent = 4;
    private readonly StringBuilder _builder = new();
    private int _indentation;

    public void Indent() => _indentation++;

    public void Unindent()
    {
        if (_indentation == 0)
        {
            throw new InvalidOperationException("Unbalanced indentation.");
        }

        _indentation--;
    }

    public void OpenBlock()
    {
        WriteLine("{");
        Indent();
    }

    public void CloseBlock(string suffix = "")
    {
        Unindent();
        WriteLine("}" + suffix);
    }

    public void WriteLine() => _builder.Append('\n');

    public void WriteLine(string text)
    {
        if (text.Length > 0)
        {
            _builder.Append(' ', _indentation * SpacesPerIndent);
        }

        _builder.Append(text).Append('\n');
    }

    public override string ToString() => _builder.ToString();
}
