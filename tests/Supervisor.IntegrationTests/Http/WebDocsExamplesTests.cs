using System.Net;
using System.Text;

namespace Supervisor.IntegrationTests.Http;

/// <summary>
/// Every curl line of docs/web.md, run against a node with the demo config as shipped (its published demo keys included)
/// on the test's port instead of 8080: it must answer the status its comment says.
/// </summary>
[Collection(nameof(DemoApiCollection))]
public sealed class WebDocsExamplesTests(DemoApiNode api)
{
    private static readonly Regex Curl = new(
        @"^curl -s(?<stream> -N)?(?: -X (?<method>POST|DELETE))?(?: -H ""(?<header>[^:""]+): (?<value>[^""]+)"")?(?: --json '(?<body>[^']*)')? ""?http://127\.0\.0\.1:8080(?<path>[^"" ]+)""?\s+# (?<status>\d{3})$");

    private static List<string> CurlLines() =>
        File.ReadAllLines(Path.Combine(RepoPaths.Root, "docs", "web.md")).Where(l => l.StartsWith("curl ", StringComparison.Ordinal)).ToList();

    public static TheoryData<string> Lines() => new(CurlLines());

    [Fact]
    public void Every_curl_line_in_web_md_should_be_one_this_test_understands()
    {
        Assert.True(CurlLines().Count >= 15);
        Assert.All(CurlLines(), line => Assert.Matches(Curl, line));
    }

    [Theory]
    [MemberData(nameof(Lines))]
    public async Task Curl_example_should_answer_the_status_its_comment_says(string line)
    {
        var m = Curl.Match(line);
        Assert.True(m.Success, line);
        HttpRequestMessage Request()
        {
            var request = new HttpRequestMessage(m.Groups["method"].Success ? new HttpMethod(m.Groups["method"].Value) : HttpMethod.Get, m.Groups["path"].Value);
            if (m.Groups["header"].Success) request.Headers.Add(m.Groups["header"].Value, m.Groups["value"].Value);
            if (m.Groups["body"].Success) request.Content = new StringContent(m.Groups["body"].Value, Encoding.UTF8, "application/json"); // what curl --json sends
            return request;
        }
        var expected = (HttpStatusCode)int.Parse(m.Groups["status"].Value);
        if (m.Groups["stream"].Success)
        {
            // A stream never ends: the status line and headers are the answer (and the first frame, read so it must come).
            await using var stream = await SseClient.OpenAsync(api.Client(m.Groups["value"].Value), m.Groups["path"].Value);
            Assert.True(expected == stream.Response.StatusCode, $"{line}\n→ {(int)stream.Response.StatusCode}");
            Assert.Equal("snapshot", (await stream.NextAsync(TimeSpan.FromSeconds(30))).Event);
            return;
        }
        using var response = expected == HttpStatusCode.ServiceUnavailable ? await api.Client().SendAsync(Request()) : await HttpApiNode.SendAsync(api.Client(), Request);
        Assert.True(expected == response.StatusCode,
            $"{line}\n→ {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }
}
