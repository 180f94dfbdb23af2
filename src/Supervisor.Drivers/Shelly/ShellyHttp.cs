using System.Buffers;
using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Supervisor.Drivers.Shelly;

/// <summary>One HTTP reply, body already read (and capped).</summary>
internal sealed record ShellyHttpReply(HttpStatusCode Status, string Reason, byte[] Body);

/// <summary>
/// The HTTP side of the driver: GET with a capped body, Gen1 Basic auth, Gen2+ Digest auth. Not thread-safe: the
/// driver uses it from one poll at a time.
/// <para>
/// Choices, and why: no proxy (a plug on the LAN must not be reached through a system <c>HTTP_PROXY</c>); no
/// redirects (a Shelly never redirects, a captive portal or router page does); no cookies, no decompression; one
/// connection (an ESP8266 serves few at once); and bodies are read as a stream and cut off past
/// <see cref="MaxBodyBytes"/>, so a wrong port streaming megabytes cannot make us buffer them.
/// </para>
/// </summary>
internal sealed class ShellyHttp : IDisposable
{
    /// <summary>Largest accepted body. A Gen1 <c>/status</c> is 1–3 KiB; <c>Switch.GetStatus</c> is well under 1 KiB.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    private readonly NetworkCredential? _credential;
    private readonly TimeSpan _connectTimeout;
    private HttpClient _client;

    public ShellyHttp(string host, int port, string? username, string? password, TimeSpan connectTimeout)
    {
        BaseUri = new UriBuilder(Uri.UriSchemeHttp, host, port).Uri;
        // Shelly's factory user is admin on every generation, and Gen2+ accepts no other.
        _credential = password is null ? null : new NetworkCredential(username ?? "admin", password);
        _connectTimeout = connectTimeout;
        _client = Create();
    }

    public Uri BaseUri { get; }

    /// <summary>The user actually sent (admin when only a password is configured); null without credentials.</summary>
    public string? Username => _credential?.UserName;

    public Uri Url(string pathAndQuery) => new(BaseUri, pathAndQuery);

    /// <summary>
    /// GETs <paramref name="pathAndQuery"/>. <paramref name="basicAuth"/>: send Basic credentials up front (Gen1 wants
    /// them on every request). Gen2+ Digest is answered by the handler when the device challenges.
    /// Network errors propagate for the driver to explain; an oversized body is reported through <paramref name="fail"/>.
    /// </summary>
    public async Task<ShellyHttpReply> GetAsync(
        string pathAndQuery, bool basicAuth, Func<string, DeviceException> fail, CancellationToken ct)
    {
        var url = Url(pathAndQuery);
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (basicAuth && _credential is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
                Convert.ToBase64String(Encoding.UTF8.GetBytes($"{_credential.UserName}:{_credential.Password}")));

        using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
        if (response.Content.Headers.ContentLength is > MaxBodyBytes and var announced)
            throw fail(TooLarge(url, $"announces {announced} bytes"));

        var buffer = ArrayPool<byte>.Shared.Rent(MaxBodyBytes + 1);
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
            var length = 0;
            while (length <= MaxBodyBytes)
            {
                var read = await stream.ReadAsync(buffer.AsMemory(length, MaxBodyBytes + 1 - length), ct).ConfigureAwait(false);
                if (read == 0) break;
                length += read;
            }
            if (length > MaxBodyBytes) throw fail(TooLarge(url, "kept sending"));
            return new ShellyHttpReply(response.StatusCode, response.ReasonPhrase ?? "", buffer.AsSpan(0, length).ToArray());
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static string TooLarge(Uri url, string what) =>
        $"the reply to GET {url} {what} more than {MaxBodyBytes / 1024} KiB; refusing to buffer it " +
        "(a Shelly's status is a few KiB: are host and port really the Shelly?)";

    /// <summary>Drops every pooled connection; the next request opens a fresh one (after a failure the old one is suspect).</summary>
    public void Reset()
    {
        _client.Dispose();
        _client = Create();
    }

    private HttpClient Create()
    {
        var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            ConnectTimeout = _connectTimeout,
            MaxConnectionsPerServer = 1,
            MaxResponseHeadersLength = 16, // KiB
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
            // Only Digest: Basic is sent up front for Gen1, so a Basic challenge never needs answering here.
            Credentials = _credential is null ? null : new CredentialCache { { BaseUri, "Digest", _credential } },
        };
        return new HttpClient(handler, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
    }

    public void Dispose() => _client.Dispose();
}
