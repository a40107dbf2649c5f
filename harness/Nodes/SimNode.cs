using Glomers.Harness.Core;
using Glomers.Harness.Faults;
using Glomers.Harness.History;
using Glomers.Harness.Network;
using Glomers.NodeRuntime;
using Glomers.NodeRuntime.Hosting;
using Glomers.NodeRuntime.Loop;
using Glomers.NodeRuntime.Randomness;
using Glomers.NodeRuntime.Transport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Glomers.Harness.Nodes;

/// <summary>
/// One node of a sim cluster: the node class on a manual loop, an in-memory transport and the
/// scheduler's virtual clock. The loop runs on the scheduler whenever it has work, so the node
/// sees exactly what a process would, in an order fixed by the seed. A kill replaces the whole
/// incarnation (runtime node, instance, loop); the endpoint on the network stays the same.
/// On a busy machine (<see cref="Slow"/>) the node's work waits in arrival order for its
/// <see cref="NodeCpu"/>: each message, and each wake-up of the loop by a timer, is handled when
/// the CPU has spent its cost on it, and each line the node writes leaves after a cost of its own,
/// in order, so what the node sends comes that much later, and a stall can fall between two sends.
/// </summary>
internal sealed class SimNode : IEndpoint
{
    private readonly Type nodeClass;
    private readonly IConfiguration configuration;
    private readonly Scheduler scheduler;
    private readonly Router network;
    private readonly ILogger log;
    private readonly long seed;
    private readonly Action<string, string> stopped;
    private readonly Action<Finding> report;
    private readonly List<string> held = [];
    private Incarnation? current;
    private NodeCpu? cpu;
    private bool paused;
    private int incarnations;

    public SimNode(string id, Type nodeClass, IConfiguration configuration, Scheduler scheduler, Router network, ILogger log,
        long seed, Action<string, string> stopped, Action<Finding> report)
    {
        Id = id;
        this.nodeClass = nodeClass;
        this.configuration = configuration;
        this.scheduler = scheduler;
        this.network = network;
        this.log = log;
        this.seed = seed;
        this.stopped = stopped;
        this.report = report;
    }

    public string Id { get; }

    public void Start()
    {
        // Each incarnation its own stream: a restarted node must not replay its predecessor's choices.
        var incarnationSeed = incarnations++ == 0 ? seed : SeededRandom.Derive(seed, $"incarnation/{incarnations}");
        var incarnation = new Incarnation();
        var loop = new ManualEventLoop(e => LoopFailed(incarnation, e));
        var transport = new InMemoryTransport();
        var node = new Node(new NodeContext(transport, loop, scheduler.Time, incarnationSeed) { Logger = log });
        loop.Posted += () => Schedule(incarnation);
        transport.LineSent += line =>
        {
            if (incarnation.Dead) return;
            // On a busy machine each line costs time to write: it waits its turn after the work that made it.
            if (incarnation.Handling) incarnation.Outbox.Enqueue(line);
            else network.SendLine(Id, line);
        };
        incarnation.Loop = loop;
        incarnation.Transport = transport;
        try
        {
            incarnation.Instance = NodeFactory.Create(nodeClass, node, configuration);
            node.Start();
        }
        catch (Exception e)
        {
            // What the process host does: the node never starts, and the bench sees it exit.
            incarnation.Dead = true;
            log.LogCritical(e, "{Class} failed to start", nodeClass.Name);
            scheduler.Post(() => stopped(Id, $"failed to start: {e.GetType().Name}: {e.Message}"));
            return;
        }
        current = incarnation;
    }

    /// <summary>Starts a fresh incarnation if the node is down; a running node is left alone.</summary>
    public void Restart()
    {
        if (current is null) Start();
    }

    public void Deliver(Envelope message)
    {
        if (current is null) return;
        if (paused) held.Add(message.Line);
        else Accept(current, message.Line);
    }

    /// <summary>Runs the node as on a busy machine, drawing from <paramref name="random"/>; null: at full speed again (queued work drains at no cost).</summary>
    public void Slow(SlowModel model, Random? random) =>
        cpu = random is null ? null : new NodeCpu(model, random);

    /// <summary>Stops the running incarnation; a dead node has nothing to pause, so it restarts running, as a process would.</summary>
    public void Pause() => paused = current is not null;

    public void Resume()
    {
        if (!paused) return;
        paused = false;
        if (current is null) return;
        foreach (var line in held) Accept(current, line);
        held.Clear();
        if (current.Loop.PendingCount > 0) Schedule(current);
        Serve(current);
    }

    /// <summary>Drops the incarnation: its memory, queued work and timers are gone for good.</summary>
    public void Kill()
    {
        paused = false;
        held.Clear();
        if (current is not { } c) return;
        c.Dead = true;
        current = null;
        try
        {
            (c.Instance as IDisposable)?.Dispose();
        }
        catch (Exception e)
        {
            log.LogError(e, "Dispose failed");
        }
    }

    /// <summary>A line for the node: handed over at once at full speed, else queued for the CPU.</summary>
    private void Accept(Incarnation incarnation, string line)
    {
        if (!Busy(incarnation))
        {
            incarnation.Transport.Deliver(line);
            return;
        }
        incarnation.Work.Enqueue(line);
        Serve(incarnation);
    }

    /// <summary>True while work goes through the CPU queue: on a busy machine, and until what it queued has drained.</summary>
    private bool Busy(Incarnation incarnation) =>
        cpu is not null || incarnation.Work.Count > 0 || incarnation.Outbox.Count > 0 || incarnation.Serving;

    /// <summary>
    /// Starts the next thing the CPU does, if it is free: write the next line the node sent, else handle
    /// the next piece of work; either happens when its cost (and any stall) has passed.
    /// </summary>
    private void Serve(Incarnation incarnation)
    {
        if (incarnation.Dead || incarnation.Serving || paused) return;
        Action? step = incarnation.Outbox.Count > 0 ? () => Write(incarnation)
            : incarnation.Work.Count > 0 ? () => Handle(incarnation)
            : null;
        if (step is null) return;
        incarnation.Serving = true;
        var now = scheduler.Now;
        var done = cpu?.Finish(now) ?? now;
        if (done <= now) scheduler.Post(step);
        else scheduler.After(TimeSpan.FromTicks((done - now + 99) / 100), step);
    }

    private void Write(Incarnation incarnation)
    {
        incarnation.Serving = false;
        if (incarnation.Dead || paused) return;
        network.SendLine(Id, incarnation.Outbox.Dequeue());
        Serve(incarnation);
    }

    /// <summary>The piece of work at the head of the queue: a line (null for a timer's wake-up) and all the loop work it leads to.</summary>
    private void Handle(Incarnation incarnation)
    {
        incarnation.Serving = false;
        // A paused node finishes its work when it resumes; a dead one never does.
        if (incarnation.Dead || paused) return;
        var line = incarnation.Work.Dequeue();
        incarnation.Handling = true;
        if (line is null) incarnation.WakeQueued = false;
        else incarnation.Transport.Deliver(line);
        incarnation.Loop.RunPending();
        incarnation.Transport.TakeSent();
        incarnation.Handling = false;
        Serve(incarnation);
    }

    private void Schedule(Incarnation incarnation)
    {
        if (incarnation.Dead || paused) return;
        if (Busy(incarnation))
        {
            // Work posted while a piece of work runs is part of it; a timer's wake-up waits its turn.
            if (incarnation.Handling || incarnation.WakeQueued) return;
            incarnation.WakeQueued = true;
            incarnation.Work.Enqueue(null);
            Serve(incarnation);
            return;
        }
        if (incarnation.Scheduled) return;
        incarnation.Scheduled = true;
        scheduler.Post(() => Run(incarnation));
    }

    private void Run(Incarnation incarnation)
    {
        // Work posted while the loop runs is drained by the same run, so the flag drops only after it.
        if (!incarnation.Dead && !paused)
        {
            incarnation.Loop.RunPending();
            incarnation.Transport.TakeSent();
        }
        incarnation.Scheduled = false;
    }

    private void LoopFailed(Incarnation incarnation, Exception e)
    {
        if (incarnation.Dead) return;
        log.LogError(e, "Unhandled error on the node loop");
        report(new Finding(scheduler.Now, Id, "node-error", $"{e.GetType().Name}: {e.Message}"));
    }

    private sealed class Incarnation
    {
        public ManualEventLoop Loop { get; set; } = null!;
        public InMemoryTransport Transport { get; set; } = null!;
        public object? Instance { get; set; }
        public bool Scheduled { get; set; }
        public bool Dead { get; set; }

        /// <summary>Work waiting for the CPU on a busy machine, in arrival order: lines, and null for a timer's wake-up.</summary>
        public Queue<string?> Work { get; } = new();

        /// <summary>Lines the node sent while handling work on a busy machine, each still to be written.</summary>
        public Queue<string> Outbox { get; } = new();
        public bool Serving { get; set; }
        public bool Handling { get; set; }
        public bool WakeQueued { get; set; }
    }
}
