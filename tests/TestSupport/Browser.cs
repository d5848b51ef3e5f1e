using Microsoft.Playwright;

namespace CohesionGeo.TestSupport;

/// <summary>Debian's Chromium driven by Playwright; no browser download ever happens.</summary>
public static class Browser
{
    public const string ChromiumPath = "/usr/bin/chromium";

    // One Playwright driver per test process; it ends with the process.
    private static readonly Lazy<Task<IPlaywright>> Driver = new(Playwright.CreateAsync);

    public static async Task<IBrowser> LaunchAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} is missing; ./cohesiongeo test installs it (apt-get install chromium).");
        }

        var playwright = await Driver.Value;
        return await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run"],
        });
    }
}
