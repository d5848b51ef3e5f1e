using System.Buffers.Binary;

namespace CohesionGeo.GeoEngine.Osm;

/// <summary>
/// Checks the block framing of an <c>.osm.pbf</c> before it is decoded: each block is a 4-byte
/// big-endian header length, a BlobHeader (protobuf: type, datasize) and datasize bytes of blob. A file
/// that does not start with an <c>OSMHeader</c> block, or whose last block runs past the end, is refused
/// with the byte offset. Needs a seekable stream; leaves it at position 0.
/// </summary>
public static class PbfFraming
{
    /// <summary>Validates the framing; returns the number of blocks.</summary>
    /// <exception cref="OsmImportException">Not a PBF, or truncated.</exception>
    public static int Validate(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanSeek)
        {
            throw new ArgumentException("The stream must be seekable.", nameof(stream));
        }

        var length = stream.Length;
        if (length == 0)
        {
            throw new OsmImportException("The file is empty: an OSM PBF starts with an OSMHeader block.");
        }

        stream.Position = 0;
        long offset = 0;
        var blocks = 0;
        Span<byte> four = stackalloc byte[4];
        while (offset < length)
        {
            if (length - offset < 4)
            {
                throw new OsmImportException($"The file is truncated: {length - offset} stray byte(s) at byte {offset} where a block header length should be.");
            }

            stream.Position = offset;
            stream.ReadExactly(four);
            var headerLength = BinaryPrimitives.ReadInt32BigEndian(four);
            if (headerLength <= 0 || headerLength > 64 * 1024)
            {
                throw new OsmImportException(blocks == 0
                    ? "This is not an OSM PBF file: it does not start with a block header (is it .osm XML, a zip, or another format?)."
                    : $"The file is damaged: block {blocks + 1} at byte {offset} has an impossible header length {headerLength}.");
            }

            if (offset + 4 + headerLength > length)
            {
                throw new OsmImportException($"The file is truncated: block {blocks + 1} header at byte {offset} needs {headerLength} bytes but the file ends at byte {length}.");
            }

            var header = new byte[headerLength];
            stream.ReadExactly(header);
            var (type, dataSize) = ParseBlobHeader(header);
            if (type is null || dataSize < 0)
            {
                throw new OsmImportException(blocks == 0
                    ? "This is not an OSM PBF file: its first block has no BlobHeader type and size."
                    : $"The file is damaged: block {blocks + 1} at byte {offset} has no valid BlobHeader.");
            }

            if (blocks == 0 && type != "OSMHeader")
            {
                throw new OsmImportException($"This is not an OSM PBF file: the first block is '{type}', not 'OSMHeader'.");
            }

            var end = offset + 4 + headerLength + dataSize;
            if (end > length)
            {
                throw new OsmImportException($"The file is truncated: block {blocks + 1} ('{type}') at byte {offset} needs {end - offset} bytes but the file ends at byte {length}.");
            }

            offset = end;
            blocks++;
        }

        stream.Position = 0;
        return blocks;
    }

    private static (string? Type, long DataSize) ParseBlobHeader(ReadOnlySpan<byte> data)
    {
        string? type = null;
        long size = -1;
        var i = 0;
        while (i < data.Length)
        {
            if (!TryVarint(data, ref i, out var key))
            {
                return (null, -1);
            }

            var field = key >> 3;
            var wire = key & 7;
            if (wire == 0)
            {
                if (!TryVarint(data, ref i, out var value))
                {
                    return (null, -1);
                }

                if (field == 3)
                {
                    size = (long)value;
                }
            }
            else if (wire == 2)
            {
                if (!TryVarint(data, ref i, out var len) || (ulong)i + len > (ulong)data.Length)
                {
                    return (null, -1);
                }

                if (field == 1)
                {
                    type = System.Text.Encoding.ASCII.GetString(data.Slice(i, (int)len));
                }

                i += (int)len;
            }
            else
            {
                return (null, -1);
            }
        }

        return (type, size);
    }

    private static bool TryVarint(ReadOnlySpan<byte> data, ref int i, out ulong value)
    {
        value = 0;
        for (var shift = 0; shift < 64 && i < data.Length; shift += 7)
        {
            var b = data[i++];
            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return true;
            }
        }

        return false;
    }
}
