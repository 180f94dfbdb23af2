
namespace Supervisor.Node.Http.Api;

/// <summary>
/// A mutation's JSON body, read by hand so that every way it can be wrong is a 4xx that says what to send: not JSON
/// (400, with the expected shape), refused by Kestrel while read (its 413 or 400), never a 500.
/// </summary>
internal static class ApiBody
{
    /// <summary>The body as <typeparamref name="T"/>; an empty body is <paramref name="empty"/> (null: a body is required).</summary>
    public static async Task<(T? Body, IResult? Bad)> ReadAsync<T>(HttpRequest request, string shape, T? empty, CancellationToken ct) where T : class
    {
        try
        {
            using var reader = new StreamReader(request.Body);
            var text = await reader.ReadToEndAsync(ct);
            if (string.IsNullOrWhiteSpace(text))
                return empty is not null ? (empty, null) : (null, Problems.BadParameter("body", $"missing; send a JSON object of the form {shape}"));
            var body = JsonSerializer.Deserialize<T>(text, HttpApi.Json) ?? throw new JsonException("null is not an object");
            return (body, null);
        }
        catch (JsonException e)
        {
            return (null, Problems.BadParameter("body", $"not JSON of the form {shape} ({e.Message.Split(" Path:")[0]})"));
        }
        catch (BadHttpRequestException e)
        {
            return (null, Problems.Of(e.StatusCode, "request body refused", $"{e.Message}; a mutation's body is a small JSON object"));
        }
    }
}
