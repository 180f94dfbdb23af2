using Supervisor.Domain.Doctor;

namespace Supervisor.Domain.Tests.Doctor;

/// <summary>The doctor's table and JSON, its exit code, and the free-space and certificate thresholds.</summary>
public sealed class DoctorTableTests
{
    private static readonly DoctorReport Mixed = new([
        DoctorCheck.Ok("config", "node.conf: valid"),
        DoctorCheck.Warn("free space", "only 512 MiB free", "free space"),
        DoctorCheck.Fail("device ups-1", "nut 127.0.0.1:1: connection refused", "start upsd on 127.0.0.1"),
    ]);

    [Fact]
    public void ExitCode_should_be_1_when_any_check_failed_and_0_when_only_warnings()
    {
        Assert.Equal(1, Mixed.ExitCode);
        Assert.Equal(0, new DoctorReport([DoctorCheck.Ok("a", "b"), DoctorCheck.Warn("c", "d", "e")]).ExitCode);
    }

    [Fact]
    public void Render_should_align_the_columns_and_put_each_fix_under_its_detail()
    {
        var lines = DoctorTable.Render(Mixed).Split('\n');
        Assert.Equal("RESULT  CHECK         DETAIL", lines[0]);
        Assert.Equal("OK      config        node.conf: valid", lines[1]);
        Assert.Equal("WARN    free space    only 512 MiB free", lines[2]);
        Assert.Equal("                      fix: free space", lines[3]);
        Assert.Equal("FAIL    device ups-1  nut 127.0.0.1:1: connection refused", lines[4]);
        Assert.Equal("                      fix: start upsd on 127.0.0.1", lines[5]);
        Assert.Equal("1 failed, 1 warning, 1 ok", lines[6]);
    }

    [Fact]
    public void Render_should_keep_a_device_reply_with_a_newline_or_escape_on_its_own_row()
    {
        var text = DoctorTable.Render(new DoctorReport([DoctorCheck.Fail("device x", "said \u001b[2Jhi\nFAKE OK row", "fix it")]));
        Assert.Contains("said \\x1b[2Jhi FAKE OK row", text);
        Assert.False(text.Contains('\u001b', StringComparison.Ordinal), "a raw ESC reached the table");
    }

    [Fact]
    public void Json_should_give_every_row_with_its_status_and_fix()
    {
        using var doc = System.Text.Json.JsonDocument.Parse(DoctorTable.Json(Mixed));
        var root = doc.RootElement;
        Assert.False(root.GetProperty("ok").GetBoolean());
        Assert.Equal("1 failed, 1 warning, 1 ok", root.GetProperty("summary").GetString());
        var fail = root.GetProperty("checks")[2];
        Assert.Equal("fail", fail.GetProperty("status").GetString());
        Assert.Equal("device ups-1", fail.GetProperty("check").GetString());
        Assert.Equal("start upsd on 127.0.0.1", fail.GetProperty("fix").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, root.GetProperty("checks")[0].GetProperty("fix").ValueKind);
    }

    [Theory]
    [InlineData(50L << 20, CheckStatus.Fail)]
    [InlineData((100L << 20) - 1, CheckStatus.Fail)]
    [InlineData(100L << 20, CheckStatus.Warn)]
    [InlineData((1L << 30) - 1, CheckStatus.Warn)]
    [InlineData(1L << 30, CheckStatus.Ok)]
    public void FreeSpace_should_warn_below_1_GiB_and_fail_below_100_MiB(long free, CheckStatus status) =>
        Assert.Equal(status, DoctorRules.FreeSpace("free space", "/d", free).Status);

    [Theory]
    [InlineData(-1, CheckStatus.Fail)]
    [InlineData(0, CheckStatus.Fail)]
    [InlineData(29, CheckStatus.Warn)]
    [InlineData(31, CheckStatus.Ok)]
    public void CertificateExpiry_should_warn_within_30_days_and_fail_once_expired(int daysLeft, CheckStatus status)
    {
        var now = new DateTimeOffset(2026, 12, 7, 0, 0, 0, TimeSpan.Zero);
        var check = DoctorRules.CertificateExpiry("cert", "node.p12", now.AddDays(daysLeft), now, "renew it");
        Assert.Equal(status, check.Status);
        if (status != CheckStatus.Ok) Assert.Equal("renew it", check.Fix);
    }

    [Theory]
    [InlineData(512, "512 B")]
    [InlineData(1536, "1.5 KiB")]
    [InlineData(100L << 20, "100 MiB")]
    public void Bytes_should_use_binary_units(long bytes, string text) => Assert.Equal(text, DoctorRules.Bytes(bytes));

    [Fact]
    public void FromMessage_should_split_what_is_wrong_from_the_fix_at_the_first_semicolon()
    {
        var row = DoctorCheck.FromMessage("data dir", CheckStatus.Fail, "/d is a file, not a directory; point data-dir at a directory; or move it", "fallback");
        Assert.Equal("/d is a file, not a directory", row.Detail);
        Assert.Equal("point data-dir at a directory; or move it", row.Fix);
        Assert.Equal("fallback", DoctorCheck.FromMessage("config", CheckStatus.Warn, "no fix here", "fallback").Fix);
    }
}
