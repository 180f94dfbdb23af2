namespace Supervisor.Domain.Tests.Text;

public sealed class ForeignTextTests
{
    [Theory]
    [InlineData("OB\u001b[31m", "OB\\x1b[31m")]
    [InlineData("a\nb\r\nc", "a\\nb\\r\\nc")]
    [InlineData("bell\u0007 nul\0 tab\t del\u007f", "bell\\x07 nul\\0 tab\\t del\\x7f")]
    [InlineData("c1\u0085\u009b", "c1\\x85\\x9b")]
    [InlineData("rtl\u202eevil\u2066x\u2069", "rtl\\u202eevil\\u2066x\\u2069")]
    [InlineData("line\u2028sep", "line\\u2028sep")]
    public void Escape_should_show_each_unsafe_character_as_an_escape_when_text_holds_controls(string raw, string shown)
    {
        Assert.Equal(shown, ForeignText.Escape(raw));
    }

    [Theory]
    [InlineData("plain text")]
    [InlineData("ünïcødé ✓ 電源 — C:\\data\\x")]
    [InlineData("")]
    public void Escape_should_leave_text_unchanged_when_it_is_printable(string text)
    {
        Assert.Same(text, ForeignText.Escape(text));
        Assert.False(ForeignText.NeedsEscaping(text));
    }

    [Fact]
    public void Escape_should_never_leave_a_control_or_bidi_character_when_given_every_char()
    {
        var all = new string(Enumerable.Range(0, 0x10000).Select(i => (char)i).Where(c => !char.IsSurrogate(c)).ToArray());
        var escaped = ForeignText.Escape(all);
        Assert.DoesNotContain(escaped, ForeignText.IsUnsafe);
        Assert.DoesNotContain(escaped, c => c < ' ');
    }
}
