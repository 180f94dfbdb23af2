using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Supervisor.Domain.Configuration;
using Supervisor.Domain.Notifications;

namespace Supervisor.Notifications.Channels;

/// <summary>
/// What every HTTP channel shares: one <see cref="HttpClient"/> per channel, the channel's timeout on each attempt, and
/// <see cref="DeliveryClassifier"/> for the answer. A subclass only builds its request. Faults become outcomes; no
/// reason holds a URL (Telegram's and Discord's carry tokens) or an exception message that might.
/// </summary>
public abstract class HttpChannel<TSettings> : INotificationChannel, IDisposable where TSettings : ChannelSettings
{
    private readonly HttpClient _client;
    private readonly TimeProvider _time;

    protected HttpChannel(TSettings settings, TimeProvider? time)
    {
        Settings = settings;
        Channel = settings.Describe();
        _time = time ?? TimeProvider.System;
        // The timeout is the linked token's (SendAsync), so a caller's cancellation and a timeout stay apart.
        _client = new HttpClient(new SocketsHttpHandler { ConnectTimeout = settings.Timeout, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            Timeout = System.Threading.Timeout.InfiniteTimeSpan,
        };
        _client.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("supervisor", "1"));
    }

    protected TSettings Settings { get; }

    /// <summary>The channel as reasons name it.</summary>
    protected ChannelDescription Channel { get; }

    public string Id => Settings.Id;

    /// <summary>The one request that delivers <paramref name="n"/>, with the channel's templates applied in <paramref name="text"/>.</summary>
    protected abstract HttpRequestMessage BuildRequest(Notification n, RenderedText text);

    public async Task<DeliveryOutcome> SendAsync(Notification notification, CancellationToken cancellationToken)
    {
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attempt.CancelAfter(Settings.Timeout);
        try
        {
            using var request = BuildRequest(notification, RenderedText.Of(notification, Settings.Templates));
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, attempt.Token).ConfigureAwait(false);
            var retryAfter = response.Headers.TryGetValues("Retry-After", out var values) ? values.FirstOrDefault() : null;
            return DeliveryClassifier.FromHttpStatus(Channel, (int)response.StatusCode, retryAfter, _time.GetUtcNow());
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return DeliveryClassifier.TimedOut(Channel, Settings.Timeout);
        }
        catch (HttpRequestException e)
        {
            // From the error codes alone: the exception's message may quote the request's URL.
            return DeliveryClassifier.Unreachable(Channel, e.HttpRequestError, (e.InnerException as SocketException)?.SocketErrorCode);
        }
    }

    /// <summary>A POST of <paramref name="body"/> as UTF-8 JSON.</summary>
    protected static HttpRequestMessage PostJson(Uri url, Action<Utf8JsonWriter> body) =>
        new(HttpMethod.Post, url) { Content = JsonBody(body) };

    /// <summary>A JSON object written by <paramref name="write"/> (inside the braces), as request content.</summary>
    protected static ByteArrayContent JsonBody(Action<Utf8JsonWriter> write)
    {
        var content = new ByteArrayContent(Json(write));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        return content;
    }

    /// <summary>A JSON object's bytes, written by <paramref name="write"/> inside the braces.</summary>
    protected static byte[] Json(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            write(writer);
            writer.WriteEndObject();
        }
        return buffer.ToArray();
    }

    /// <summary><paramref name="baseUri"/> with <paramref name="relative"/> appended to its path (a base with a path keeps it).</summary>
    protected static Uri Append(Uri baseUri, string relative) =>
        new(baseUri.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/" + relative.TrimStart('/') + baseUri.Query);

    /// <summary>An HTTP header value for any text: ASCII as is, anything else RFC 2047 encoded (which ntfy decodes).</summary>
    protected static string HeaderText(string text) =>
        text.All(c => c is >= ' ' and <= '~') ? text : $"=?UTF-8?B?{Convert.ToBase64String(Encoding.UTF8.GetBytes(text.ReplaceLineEndings(" ")))}?=";

    public void Dispose()
    {
        _client.Dispose();
        GC.SuppressFinalize(this);
    }
}
