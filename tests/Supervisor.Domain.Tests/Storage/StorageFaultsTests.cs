namespace Supervisor.Domain.Tests.Storage;

public sealed class StorageFaultsTests
{
    [Theory]
    [InlineData(13, StorageFaultKind.DiskFull)]
    [InlineData(8, StorageFaultKind.ReadOnly)]
    [InlineData(778, StorageFaultKind.IoError)]  // SQLITE_IOERR_WRITE
    [InlineData(11, StorageFaultKind.Damaged)]
    [InlineData(26, StorageFaultKind.Damaged)]
    [InlineData(14, StorageFaultKind.CannotOpen)]
    [InlineData(5, StorageFaultKind.Locked)]
    public void FromSqlite_should_call_it_a_storage_fault_when_the_storage_is_to_blame(int code, StorageFaultKind kind) =>
        Assert.Equal(kind, StorageFaults.FromSqlite(code));

    [Theory]
    [InlineData(19)]   // SQLITE_CONSTRAINT
    [InlineData(2067)] // SQLITE_CONSTRAINT_UNIQUE: a second writer of the same (persistence_id, sequence_nr)
    [InlineData(1555)] // SQLITE_CONSTRAINT_PRIMARYKEY
    [InlineData(1)]    // SQL error
    public void FromSqlite_should_never_call_a_constraint_violation_or_a_sql_error_a_storage_fault(int code) =>
        Assert.Null(StorageFaults.FromSqlite(code));

    [Theory]
    [InlineData("53100", StorageFaultKind.DiskFull)]
    [InlineData("08006", StorageFaultKind.Unreachable)]
    [InlineData("57P01", StorageFaultKind.Unreachable)]
    [InlineData("25006", StorageFaultKind.ReadOnly)]
    public void FromPostgres_should_call_it_a_storage_fault_when_the_server_is_to_blame(string state, StorageFaultKind kind) =>
        Assert.Equal(kind, StorageFaults.FromPostgres(state));

    [Theory]
    [InlineData("23505")] // unique_violation: the fence against a second writer after a fail-over
    [InlineData("23503")]
    [InlineData("42P01")] // undefined_table
    public void FromPostgres_should_never_call_a_constraint_violation_or_a_schema_error_a_storage_fault(string state) =>
        Assert.Null(StorageFaults.FromPostgres(state));

    [Fact]
    public void Fix_should_name_the_location_when_the_disk_is_full() =>
        Assert.Equal("free space on the file system of /var/lib/supervisor (df -h /var/lib/supervisor)", StorageFaults.Fix(StorageFaultKind.DiskFull, "/var/lib/supervisor"));

    [Theory]
    [InlineData("777", "750")]
    [InlineData("755", "750")]
    [InlineData("666", "640")]
    [InlineData("700", "700")]
    [InlineData("1777", "1750")]
    public void Narrowed_should_take_away_world_access_and_group_write_and_keep_the_rest(string before, string after) =>
        Assert.Equal(after, Convert.ToString((int)FilePermissions.Narrowed((UnixFileMode)Convert.ToInt32(before, 8)), 8));
}
