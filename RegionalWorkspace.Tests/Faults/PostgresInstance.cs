using System.Globalization;
using Npgsql;
using RegionalWorkspace.Data;
using RegionalWorkspace.Tests.Infrastructure;

namespace RegionalWorkspace.Tests.Faults;

/// <summary>
/// A PostgreSQL server of the test's own: <c>initdb</c> into a temporary directory and <c>pg_ctl</c> on a free loopback
/// port, run as the <c>postgres</c> OS user (the tests run as root, which PostgreSQL refuses). The shared cluster that
/// other tests use is never touched. Trust authentication, on 127.0.0.1 and a socket in the directory only.
/// </summary>
public sealed class PostgresInstance : IAsyncDisposable
{
    private const string User = "rw_fault";
    private static readonly TimeSpan s_commandTimeout = TimeSpan.FromSeconds(60);

    private readonly string _root;
    private readonly string _bin;

    private PostgresInstance(string root, string bin, int port)
    {
        _root = root;
        _bin = bin;
        Port = port;
    }

    public int Port { get; }

    private string DataDirectory => Path.Combine(_root, "data");

    public string ConnectionString(string database = "postgres") =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = Port, Username = User, Database = database }.ConnectionString;

    public static async Task<PostgresInstance> StartAsync()
    {
        var bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "initdb")))
                .OrderByDescending(d => int.Parse(Path.GetFileName(Path.GetDirectoryName(d))!, CultureInfo.InvariantCulture)).FirstOrDefault()
            : null;
        if (bin is null)
        {
            throw new InvalidOperationException("PostgreSQL binaries (/usr/lib/postgresql/<version>/bin) are missing: ./test.sh installs postgresql.");
        }

        var root = Directory.CreateTempSubdirectory("rw-fault-pg-").FullName;
        var instance = new PostgresInstance(root, bin, LocalProcess.FreePort());
        try
        {
            await LocalProcess.RunAsync("chown", ["postgres:postgres", root], s_commandTimeout);
            await instance.AsPostgresAsync("initdb", ["-D", instance.DataDirectory, "-U", User, "--auth=trust", "--no-sync", "-E", "UTF8", "--locale=C.UTF-8"]);
            await instance.AsPostgresAsync("pg_ctl", ["start", .. instance.ServerArguments()]);
            return instance;
        }
        catch
        {
            await instance.DisposeAsync();
            throw;
        }
    }

    /// <summary>The real app (in-process) on a new database <c>workspace</c> of this server, with the demo data.</summary>
    public async Task<AppHost> StartAppAsync()
    {
        await using (var connection = new NpgsqlConnection(ConnectionString()))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand("CREATE DATABASE workspace", connection);
            await create.ExecuteNonQueryAsync();
        }

        return await AppHost.StartAsync(DatabaseProvider.Postgres, new Dictionary<string, string?>
        {
            ["ConnectionStrings:Workspace"] = ConnectionString("workspace"),
        });
    }

    /// <summary><c>pg_ctl restart -m fast</c>: every session is ended, the server stops and starts again on the same port.</summary>
    public Task RestartAsync() => AsPostgresAsync("pg_ctl", ["restart", "-m", "fast", .. ServerArguments()]);

    public Task StopAsync() => AsPostgresAsync("pg_ctl", ["stop", "-m", "fast", "-w", "-D", DataDirectory]);

    public Task StartAgainAsync() => AsPostgresAsync("pg_ctl", ["start", .. ServerArguments()]);

    public async ValueTask DisposeAsync()
    {
        if (File.Exists(Path.Combine(DataDirectory, "postmaster.pid")))
        {
            try
            {
                await AsPostgresAsync("pg_ctl", ["stop", "-m", "immediate", "-w", "-D", DataDirectory]);
            }
            catch (InvalidOperationException)
            {
                // Not running after all.
            }
        }

        NpgsqlConnection.ClearAllPools();
        Directory.Delete(_root, recursive: true);
    }

    private string[] ServerArguments() =>
    [
        "-w", "-t", "60", "-D", DataDirectory, "-l", Path.Combine(_root, "server.log"),
        "-o", $"-p {Port} -h 127.0.0.1 -k {_root} -c fsync=off -c full_page_writes=off -c max_connections=60",
    ];

    private Task<string> AsPostgresAsync(string tool, string[] arguments) =>
        LocalProcess.RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(_bin, tool), .. arguments], s_commandTimeout);
}
