using System.Diagnostics.Metrics;
using RegionalWorkspace.Tests.Infrastructure;

namespace RegionalWorkspace.Tests.Benchmarks;

/// <summary>
/// Reads the in-process app's own metrics: Blazor circuits (<c>aspnetcore.components.circuit.active</c> and
/// <c>.connected</c>), when each render diff finished (<c>aspnetcore.components.render_diff.duration</c>), and EF Core's
/// query count (<c>microsoft.entityframeworkcore.queries</c>). ASP.NET Core's instruments are those of this host's
/// meter factory. Start it before the first circuit opens: it counts from zero.
/// </summary>
public sealed class AppMetrics : IDisposable
{
    private const string ActiveCircuits = "aspnetcore.components.circuit.active";
    private const string ConnectedCircuits = "aspnetcore.components.circuit.connected";
    private const string RenderDiff = "aspnetcore.components.render_diff.duration";
    private const string Queries = "microsoft.entityframeworkcore.queries";

    private readonly MeterListener _listener = new();
    private readonly Lock _gate = new();
    private readonly List<(DateTime AtUtc, double Seconds)> _diffs = [];
    private long _active;
    private long _connected;
    private long _queries;

    public AppMetrics(AppHost host)
    {
        var factory = host.Get<IMeterFactory>();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            var ours = ReferenceEquals(instrument.Meter.Scope, factory)
                && instrument.Name is ActiveCircuits or ConnectedCircuits or RenderDiff;
            if (ours || instrument.Name == Queries)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
        {
            switch (instrument.Name)
            {
                case ActiveCircuits:
                    Interlocked.Add(ref _active, value);
                    break;
                case ConnectedCircuits:
                    Interlocked.Add(ref _connected, value);
                    break;
                case Queries:
                    // An observable counter: the total so far, reported when asked (RecordObservableInstruments).
                    Interlocked.Exchange(ref _queries, value);
                    break;
            }
        });
        _listener.SetMeasurementEventCallback<double>((instrument, value, _, _) =>
        {
            if (instrument.Name == RenderDiff)
            {
                var now = DateTime.UtcNow;
                lock (_gate)
                {
                    _diffs.Add((now, value));
                }
            }
        });
        _listener.Start();
    }

    /// <summary>Circuits alive on the server (connected, or kept while disconnected).</summary>
    public long Active => Interlocked.Read(ref _active);

    /// <summary>Circuits with a connected browser.</summary>
    public long Connected => Interlocked.Read(ref _connected);

    /// <summary>Queries EF Core has run in this process so far.</summary>
    public long QueriesSoFar()
    {
        _listener.RecordObservableInstruments();
        return Interlocked.Read(ref _queries);
    }

    /// <summary>Render diffs (any circuit) that finished after <paramref name="sinceUtc"/>: when, and how long each took.</summary>
    public List<(DateTime AtUtc, double Seconds)> DiffsSince(DateTime sinceUtc)
    {
        lock (_gate)
        {
            return _diffs.Where(d => d.AtUtc >= sinceUtc).ToList();
        }
    }

    public void Dispose() => _listener.Dispose();
}
