using System.Text;
using System.Text.Json;

namespace Glomers.Harness.Network;

/// <summary>
/// The fast check of a line a node wrote: src, dest and the body's type, read without building the
/// body, since most messages (node to node) are only passed on. It accepts only what
/// <see cref="Envelope.TryParse(string, out string, out string, out System.Text.Json.Nodes.JsonObject, out bool, out string)"/>
/// accepts; anything unusual (an id of its own, a repeated key, bad JSON) is left to that full check.
/// </summary>
public static class EnvelopeReader
{
    public static bool TryRead(string line, out string src, out string dest, out string type)
    {
        src = dest = type = "";
        string? s = null, d = null, t = null;
        try
        {
            var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(line), isFinalBlock: true, state: default);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return false;
            var body = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var key = reader.GetString();
                reader.Read();
                switch (key)
                {
                    case "src" when s is null && reader.TokenType == JsonTokenType.String:
                        s = reader.GetString();
                        break;
                    case "dest" when d is null && reader.TokenType == JsonTokenType.String:
                        d = reader.GetString();
                        break;
                    case "body" when !body && reader.TokenType == JsonTokenType.StartObject:
                        body = true;
                        if (!TryReadType(ref reader, out t)) return false;
                        break;
                    default:
                        return false;
                }
            }
            if (reader.TokenType != JsonTokenType.EndObject || reader.Read()) return false;
            if (s is null || d is null || t is null) return false;
        }
        catch (JsonException)
        {
            return false;
        }
        (src, dest, type) = (s, d, t);
        return true;
    }

    // Reads the body object through its end, taking its one string "type"; other values are skipped.
    private static bool TryReadType(ref Utf8JsonReader reader, out string? type)
    {
        type = null;
        var keys = new HashSet<string>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = reader.GetString()!;
            if (!keys.Add(key)) return false;
            reader.Read();
            if (key == "type")
            {
                if (reader.TokenType != JsonTokenType.String) return false;
                type = reader.GetString();
            }
            else
            {
                reader.Skip();
            }
        }
        return reader.TokenType == JsonTokenType.EndObject && type is not null;
    }
}
