using Microsoft.Playwright;

namespace Supervisor.IntegrationTests.Web;

/// <summary>
/// Debian's Chromium (scripts/test-deps/chromium.sh) driven by Playwright, one page at desktop size on the dashboard.
/// Disposed before the node: an open stream would otherwise hold the node's stop.
/// </summary>
internal sealed class Browser : IAsyncDisposable
{
    public const string Executable = "/usr/bin/chromium";

    /// <summary>Where every screenshot goes (the test's output dir, so CI keeps it as an artifact).</summary>
    public static string ArtifactDir { get; } = Path.Combine(AppContext.BaseDirectory, "artifacts", "dashboard");

    private readonly IPlaywright playwright;
    private readonly IBrowser browser;

    private Browser(IPlaywright playwright, IBrowser browser, IPage page) => (this.playwright, this.browser, Page) = (playwright, browser, page);

    public IPage Page { get; }

    /// <summary>Script errors and failed console lines on the page: a dashboard that throws is broken even if it shows something.</summary>
    public List<string> Errors { get; } = [];

    public static async Task<Browser> OpenAsync(Uri node)
    {
        if (!File.Exists(Executable)) throw new InvalidOperationException($"{Executable} is missing: run scripts/test-deps/chromium.sh (as root or with sudo)");
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = Executable, Headless = true });
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 }, ColorScheme = ColorScheme.Light });
        var opened = new Browser(playwright, browser, page);
        page.PageError += (_, e) => opened.Errors.Add(e);
        await page.GotoAsync(node.ToString());
        return opened;
    }

    /// <summary>A full-page screenshot to <see cref="ArtifactDir"/>; with <paramref name="docs"/> and UPDATE_SCREENSHOTS=1 also to docs/images.</summary>
    public async Task ScreenshotAsync(string name, bool docs = false)
    {
        Directory.CreateDirectory(ArtifactDir);
        var bytes = await Page.ScreenshotAsync(new() { Path = Path.Combine(ArtifactDir, $"dashboard-{name}.png"), FullPage = true });
        if (docs && Environment.GetEnvironmentVariable("UPDATE_SCREENSHOTS") == "1")
        {
            var images = Directory.CreateDirectory(Path.Combine(RepoPaths.Root, "docs", "images")).FullName;
            await File.WriteAllBytesAsync(Path.Combine(images, $"dashboard-{name}.png"), bytes);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await browser.DisposeAsync();
        playwright.Dispose();
    }
}
