using static Supervisor.Configuration.Tests.LoaderTestSupport;

namespace Supervisor.Configuration.Tests;

/// <summary>
/// Input that Akka's HOCON parser does not survive on its own: a cycle or a deep nesting overflows the stack (the
/// process dies, exit 134), some lists make it loop forever, a missing include throws a NullReferenceException.
/// Each must come back as one error naming the file and line (or the HOCON path), within a few seconds.
/// </summary>
public sealed class HoconSafetyTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>Loads on another thread so that a parser that loops forever fails the test instead of hanging the run.</summary>
    private async Task<Domain.Configuration.ConfigError> SingleErrorOf(string name, string text)
    {
        var file = _dir.Write(name, text);
        var load = Task.Run(() => SupervisorConfigLoader.LoadFile(file));
        var finished = await Task.WhenAny(load, Task.Delay(TimeSpan.FromSeconds(10)));
        Assert.True(finished == load, $"loading {name} did not finish within 10 s (the parser loops)");
        return SingleError(await load);
    }

    [Fact]
    public async Task LoadFile_should_report_the_cycle_when_two_substitutions_refer_to_each_other()
    {
        var e = await SingleErrorOf("cycle.conf",
            "supervisor.devices.ups-a { driver = simulated, poll-interval = ${supervisor.devices.ups-a.timeout}, timeout = ${supervisor.devices.ups-a.poll-interval} }\n");
        Assert.Equal("supervisor.devices.ups-a.poll-interval", e.Path);
        Assert.Contains("substitution cycle: ${supervisor.devices.ups-a.timeout} → ${supervisor.devices.ups-a.poll-interval}", e.Message);
        Assert.Contains("replace one of these ${…} with a plain value", e.Message);
    }

    [Fact]
    public async Task LoadFile_should_report_the_cycle_when_an_object_contains_a_substitution_of_itself()
    {
        var e = await SingleErrorOf("contains.conf", "supervisor.devices.ups-a { driver = simulated, copy = ${supervisor.devices.ups-a} }\n");
        Assert.Equal("supervisor.devices.ups-a", e.Path);
        Assert.Contains("substitution cycle", e.Message);
    }

    [Fact]
    public async Task LoadFile_should_report_a_depth_error_when_substitutions_chain_thousands_deep()
    {
        var chain = string.Join("\n", Enumerable.Range(0, 5000).Select(i => $"supervisor.x{i} = ${{supervisor.x{i + 1}}}")) + "\nsupervisor.x5000 = 1\n";
        var e = await SingleErrorOf("chain.conf", chain);
        Assert.StartsWith("supervisor.x", e.Path);
        Assert.Contains("levels deep", e.Message);
    }

    [Theory]
    [InlineData("a = [ } ]\n", "1:7", "`}`")]
    [InlineData("a = [ x = 1 ]\n", "1:9", "`=`")]
    [InlineData("a = [ 1, 2 ]\nb = [ : ]\n", "2:7", "`:`")]
    public async Task LoadFile_should_report_line_and_column_when_a_list_holds_what_is_not_a_value(string text, string lineColumn, string shown)
    {
        var e = await SingleErrorOf("list.conf", text);
        Assert.EndsWith($"list.conf:{lineColumn}", e.Path);
        Assert.Contains($"{shown} cannot stand inside a list", e.Message);
    }

    [Theory]
    [InlineData("supervisor.data-dir = ${?HOME}\n")]
    [InlineData("supervisor.data-dir = ${}\n")]
    [InlineData("\"a.b\" = 1\nsupervisor.data-dir = ${\"a.b\"}\n")]
    public async Task LoadFile_should_explain_unsupported_substitution_forms_when_optional_quoted_or_empty(string text)
    {
        var e = await SingleErrorOf("subst.conf", text);
        Assert.Matches(@"subst\.conf:\d+:\d+$", e.Path);
        Assert.Contains("does not support ${?optional}", e.Message);
    }

    [Theory]
    [InlineData("objects", "a { b { c { d { e { f { g { h { i { j { k { l { m { n { o { p { q { r { s { t { u { v { w { x { y { z { ", "}")]
    [InlineData("lists", "[[[[[[[[[[[[[[[[[[[[[[[[[[", "]")]
    [InlineData("dotted keys", "a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p.q.r.s.t.u.v.w.x.y.z", " = 1")]
    public async Task LoadFile_should_report_nesting_when_deeper_than_the_parser_can_take(string what, string unit, string close)
    {
        var text = (what == "lists" ? "a = " : "") + string.Concat(Enumerable.Repeat(unit, 400)) + (close == " = 1" ? close : string.Concat(Enumerable.Repeat(close, 400 * 26)));
        var e = await SingleErrorOf("deep.conf", text);
        Assert.Matches(@"deep\.conf:1:\d+$", e.Path);
        Assert.True(e.Message.Contains("nested more than") && e.Message.Contains("levels deep"), $"{what}: {e}");
    }

    [Fact]
    public void LoadFile_should_read_an_included_file_next_to_the_including_one()
    {
        Directory.CreateDirectory(Path.Combine(_dir.Path, "parts"));
        _dir.Write("parts/ups.conf", $"ups-a {{ {NutDevice} }}\n");
        var file = _dir.Write("main.conf", $"supervisor.devices {{\n  include \"parts/ups.conf\"\n}}\n{RackA}");
        var r = SupervisorConfigLoader.LoadFile(file);
        Assert.True(r.Errors.Count == 0, string.Join(" | ", r.Errors));
        Assert.Equal("ups-a", r.Settings!.Devices.Single().Id);
    }

    [Fact]
    public async Task LoadFile_should_name_the_include_and_its_line_when_the_included_file_is_missing()
    {
        var e = await SingleErrorOf("main.conf", "# devices come from elsewhere\ninclude \"nothere.conf\"\n");
        Assert.EndsWith("main.conf:2:1", e.Path);
        Assert.Contains("include \"nothere.conf\": file not found", e.Message);
        Assert.Contains(Path.Combine(_dir.Path, "nothere.conf"), e.Message);
        Assert.DoesNotContain("Object reference", e.Message);
    }

    [Fact]
    public async Task LoadFile_should_report_the_loop_when_files_include_each_other()
    {
        _dir.Write("b.conf", "include \"a.conf\"\n");
        var e = await SingleErrorOf("a.conf", "include \"b.conf\"\n");
        Assert.EndsWith("b.conf:1:1", e.Path);
        Assert.Contains("a.conf → b.conf → a.conf", e.Message);
    }

    [Fact]
    public async Task LoadFile_should_name_the_included_file_and_line_when_it_has_a_syntax_error()
    {
        _dir.Write("bad-part.conf", "x = 1\ny = [ = ]\n");
        var e = await SingleErrorOf("main.conf", "supervisor {\n  include \"bad-part.conf\"\n}\n");
        Assert.EndsWith("bad-part.conf:2:7", e.Path);
        Assert.Contains("`=` cannot stand inside a list", e.Message);
    }
}
