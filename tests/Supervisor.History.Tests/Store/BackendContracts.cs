using Supervisor.Tests.RealServers;

namespace Supervisor.History.Tests.Store;

/// <summary>The store contract on a real SQLite file in a temp data dir.</summary>
public sealed class SqliteStoreTests() : HistoryStoreContract(new SqliteBackends());

/// <summary>The store contract on a real PostgreSQL server, a fresh database per test.</summary>
public sealed class PostgresStoreTests(PostgresServer pg) : HistoryStoreContract(new PostgresBackends(pg)), IClassFixture<PostgresServer>;

/// <summary>The query contract on a real SQLite file in a temp data dir.</summary>
public sealed class SqliteQueryTests() : HistoryQueryContract(new SqliteBackends());

/// <summary>The query contract on a real PostgreSQL server, a fresh database per test.</summary>
public sealed class PostgresQueryTests(PostgresServer pg) : HistoryQueryContract(new PostgresBackends(pg)), IClassFixture<PostgresServer>;
