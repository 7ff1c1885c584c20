using Npgsql;

namespace RegionalWorkspace.Tests.Infrastructure;

/// <summary>
/// The PostgreSQL server that <c>./test.sh</c> starts on loopback. <c>RW_TEST_POSTGRES</c> is a connection string of a
/// role that may create databases; each test host gets a database of its own, dropped afterwards.
/// </summary>
public static class PostgresServer
{
    public const string Variable = "RW_TEST_POSTGRES";

    public static string AdminConnectionString =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{Variable} is not set. Run the tests through ./test.sh, which starts PostgreSQL on 127.0.0.1 and sets it.");

    public static async Task<(string Name, string ConnectionString)> CreateDatabaseAsync()
    {
        var name = "rw_test_" + Guid.NewGuid().ToString("N")[..12];
        await using (var connection = new NpgsqlConnection(AdminConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await command.ExecuteNonQueryAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name };
        return (name, builder.ConnectionString);
    }

    public static async Task DropDatabaseAsync(string name)
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }
}
