using System.Text;

namespace Supervisor.Actors.NutServer;

/// <summary>
/// Reads <c>\n</c>-ended lines from a client into one fixed buffer of <c>max-line-length</c> bytes, so no client can make
/// the server hold more than that. Bytes that are not UTF-8 become U+FFFD; the protocol function then refuses them.
/// </summary>
internal sealed class NutLineReader(Stream stream, int maxLineLength)
{
    /// <summary>Returned for a line that did not end within the limit (the same instance, compared by reference).</summary>
    public static readonly string TooLong = new('\0', 1);

    private readonly byte[] _buffer = new byte[maxLineLength + 1];
    private int _start;
    private int _end;

    /// <returns>The next line without its line ending, <see cref="TooLong"/>, or null when the client closed.</returns>
    public async Task<string?> ReadLineAsync(CancellationToken ct)
    {
        while (true)
        {
            var newline = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
            if (newline >= 0)
            {
                var line = Encoding.UTF8.GetString(_buffer, _start, newline - _start).TrimEnd('\r');
                _start = newline + 1;
                return line;
            }
            if (_end - _start > maxLineLength) return TooLong;
            if (_start > 0)
            {
                Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
                _end -= _start;
                _start = 0;
            }
            var read = await stream.ReadAsync(_buffer.AsMemory(_end), ct).ConfigureAwait(false);
            if (read == 0) return null;
            _end += read;
        }
    }
}
