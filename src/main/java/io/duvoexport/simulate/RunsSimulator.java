package io.duvoexport.simulate;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * A running simulator of Duvo's {@code GET /v2/teams/{teamId}/runs}: one team of synthetic runs
 * served over HTTP, with a truth accessor and mutations for tests.
 *
 * <pre>{@code
 * try (RunsSimulator sim = RunsSimulator.start(SimulatorSettings.builder()
 *         .seed(7).runs(5_000).now(Instant.parse("2026-12-01T00:00:00Z"))
 *         .rateLimit(RateLimit.off()).build())) {
 *     URI first = URI.create(sim.baseUrl() + "/v2/teams/" + sim.teamId() + "/runs?limit=100");
 *     List<SimulatedRun> truth = sim.runs();
 * }
 * }</pre>
 *
 * <p>Faults are off unless {@link SimulatorSettings#faults()} or {@link #faults(FaultPlan)} switch
 * them on; {@link #faultCounts()}, {@link #badRows()} and {@link #driftMutations()} tell what
 * they did:
 *
 * <pre>{@code
 * sim.faults(FaultPlan.of(Fault.SERVICE_UNAVAILABLE, Trigger.next(3)));
 * // ... three requests answered 503 ...
 * assertThat(sim.faultCounts().count(Fault.SERVICE_UNAVAILABLE)).isEqualTo(3);
 * sim.faults(FaultPlan.none());
 * }</pre>
 *
 * <p>Thread-safe. Mutations are serialized and each one becomes visible to requests at once and
 * as a whole; a request pages the snapshot current when it arrives. The simulated "now" starts at
 * {@link SimulatorSettings#now()} and moves only through {@link #advance} and by one second with
 * each {@link Fault#DRIFT} batch.
 *
 * <p>Starting sets the system property {@code sun.net.httpserver.nodelay} to true unless it is
 * already set: without it every small page costs about 40 ms of TCP delayed acknowledgement.
 */
public final class RunsSimulator implements AutoCloseable {

    private static final String NO_DELAY_PROPERTY = "sun.net.httpserver.nodelay";
    private static final long MUTATION_SEED_STEP = 0x9E37_79B9_7F4A_7C15L;

    private final SimulatorSettings settings;
    private final RunFactory factory;
    private final RunNumbers numbers;
    private final RunStore store;
    private final RequestJournal journal = new RequestJournal();
    private final InjectedFailures failures = new InjectedFailures();
    private final FaultInjector injector;
    private final List<DriftMutation> driftLog = new ArrayList<>();
    private RunsEndpoint endpoint;
    private InetSocketAddress address;
    private HttpServer server;
    private ExecutorService executor;
    private Instant now;
    private long mutations;

    private RunsSimulator(SimulatorSettings settings, RunFactory factory, RunNumbers numbers,
            SimulatedRun[] runs) {
        this.settings = settings;
        this.factory = factory;
        this.numbers = numbers;
        this.store = new RunStore(runs);
        this.injector = new FaultInjector(settings.seed(), settings.faults());
        this.now = settings.now();
    }

    /**
     * Generates the team's runs and starts serving them.
     *
     * @throws UncheckedIOException if the address cannot be bound
     */
    public static RunsSimulator start(SimulatorSettings settings) {
        SplittableRandom root = new SplittableRandom(settings.seed());
        Instant end = settings.now();
        Instant start = end.minus(Duration.ofDays(settings.days()));
        RunFactory factory = new RunFactory(SyntheticTeam.create(root.split(), start, end));
        RunNumbers numbers = new RunNumbers();
        SimulatedRun[] runs = RunGenerator.generate(settings.runs(), settings.days(), end, factory,
                numbers, root.split());
        RunsSimulator simulator = new RunsSimulator(settings, factory, numbers, runs);
        simulator.listen();
        return simulator;
    }

    /** Where to send requests, e.g. {@code http://127.0.0.1:41234}; no trailing slash. */
    public String baseUrl() {
        String host = settings.host();
        InetAddress bound = address.getAddress();
        if (bound.isAnyLocalAddress()) {
            host = "127.0.0.1";
        } else if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return "http://" + host + ":" + port();
    }

    /** The bound port. */
    public int port() {
        return address.getPort();
    }

    /** The one team that exists. */
    public String teamId() {
        return settings.teamId();
    }

    /** The one valid bearer token. */
    public String apiKey() {
        return settings.apiKey();
    }

    public SimulatorSettings settings() {
        return settings;
    }

    /** The simulated present: {@link SimulatorSettings#now()} moved on by every advance. */
    public synchronized Instant now() {
        return now;
    }

    /** Every run as the API holds it now, in ascending creation order; immutable. */
    public List<SimulatedRun> runs() {
        return store.table().runs();
    }

    /** The run with this id, if it exists. */
    public Optional<SimulatedRun> run(String id) {
        return runs().stream().filter(run -> run.id().equals(id)).findFirst();
    }

    /**
     * Replaces a run by {@code change} applied to it, e.g.
     * {@code update(id, run -> run.toBuilder().status(RunStatus.FAILED).build())}.
     *
     * @return the run after the change
     * @throws NoSuchElementException if no run has this id
     * @throws IllegalArgumentException if the change alters the id or {@code createdAt}
     */
    public synchronized SimulatedRun update(String id, UnaryOperator<SimulatedRun> change) {
        Objects.requireNonNull(change, "change");
        List<SimulatedRun> changed = new ArrayList<>(1);
        store.rewrite(run -> {
            if (!run.id().equals(id)) {
                return run;
            }
            SimulatedRun next = Objects.requireNonNull(change.apply(run), "changed run");
            changed.add(next);
            return next;
        }, List.of());
        if (changed.isEmpty()) {
            throw new NoSuchElementException("no run with id " + id);
        }
        return changed.get(0);
    }

    /** Deletes a run; returns whether it existed. */
    public synchronized boolean delete(String id) {
        int before = store.table().size();
        store.rewrite(run -> run.id().equals(id) ? null : run, List.of());
        return store.table().size() < before;
    }

    /**
     * Adds a run exactly as given.
     *
     * @throws IllegalArgumentException if its id is taken
     */
    public synchronized SimulatedRun insert(SimulatedRun run) {
        store.rewrite(UnaryOperator.identity(), List.of(run));
        return run;
    }

    /**
     * Adds {@code count} synthetic runs created at {@code createdAt}, each with the status it would
     * have at the simulated now (a future instant counts as just created). Successive calls draw
     * from a sequence seeded by the settings, so a test replays identically.
     */
    public synchronized List<SimulatedRun> insertRuns(int count, Instant createdAt) {
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0, was " + count);
        }
        Objects.requireNonNull(createdAt, "createdAt");
        SplittableRandom rng = nextMutationRandom();
        List<SimulatedRun> added = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            added.add(factory.create(RandomUuid.next(rng), createdAt, now, numbers, rng));
        }
        store.rewrite(UnaryOperator.identity(), added);
        return List.copyOf(added);
    }

    /** {@link #advance(Duration, long)} with the next seed of the settings' mutation sequence. */
    public synchronized AdvanceSummary advance(Duration elapsed) {
        return advance(elapsed, nextMutationRandom().nextLong());
    }

    /**
     * Lets {@code elapsed} of simulated time pass: in-flight runs start or finish, evaluations are
     * added, finish or change, a few runs are deleted (at least one) and new runs are created at
     * the team's usual pace. Changed runs get a later {@code updated_at}.
     *
     * @throws IllegalArgumentException if {@code elapsed} is not positive
     */
    public synchronized AdvanceSummary advance(Duration elapsed, long seed) {
        if (elapsed.isNegative() || elapsed.isZero()) {
            throw new IllegalArgumentException("elapsed must be positive, was " + elapsed);
        }
        Instant to = now.plus(elapsed);
        TimeAdvance step = new TimeAdvance(factory, now, to, runs(), new SplittableRandom(seed));
        List<SimulatedRun> added = step.newRuns(runsPerDay(), numbers);
        store.rewrite(step::evolve, added);
        now = to;
        return step.summary();
    }

    /**
     * Requests answered so far, by status code; connections dropped by
     * {@link Fault#CONNECTION_RESET} got no answer and are not counted.
     */
    public RequestCounts requestCounts() {
        return journal.counts();
    }

    /** The most recent requests (up to 10,000), oldest first. */
    public List<ServedRequest> servedRequests() {
        return journal.recent();
    }

    /** Forgets counted and recorded requests, and counted and recorded faults. */
    public void resetRequestLog() {
        journal.reset();
        injector.reset();
    }

    /**
     * Answers the next {@code count} requests with {@code statusCode} and an error body, before
     * any other check but after the rate limit counted them. Replaces any earlier call.
     */
    public void failNextRequests(int count, int statusCode) {
        failures.failNext(count, statusCode);
    }

    /**
     * Replaces the fault plan from the next request on. Request numbers in its triggers count
     * from here: {@code Trigger.request(1)} is the next request. {@link FaultPlan#none()} switches
     * every fault off.
     */
    public void faults(FaultPlan plan) {
        injector.install(Objects.requireNonNull(plan, "plan"));
    }

    /** The fault plan in force. */
    public FaultPlan faults() {
        return injector.plan();
    }

    /** Faults injected so far, by fault. */
    public FaultCounts faultCounts() {
        return injector.counts();
    }

    /** The most recent injected faults (up to 10,000), oldest first. */
    public List<InjectedFault> injectedFaults() {
        return injector.recent();
    }

    /** Requests that reached the server since start, answered or not. */
    public long requestsReceived() {
        return injector.received();
    }

    /**
     * The runs {@link Fault#BAD_ROWS} breaks under the current plan, by id in creation order, and
     * how each one is broken; empty while the fault is off. A bad run's row is broken on every
     * request the fault fires on.
     */
    public Map<String, BadRow> badRows() {
        return injector.badRows(runs());
    }

    /** Every change {@link Fault#DRIFT} made to the data, in order. */
    public synchronized List<DriftMutation> driftMutations() {
        return List.copyOf(driftLog);
    }

    /**
     * Stops listening: connections are refused until {@link #acceptConnections()}, and requests
     * in progress may be cut off. Does nothing when already refusing.
     */
    public synchronized void refuseConnections() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    /**
     * Listens again on the same address and port after {@link #refuseConnections()}, with the
     * same data, faults and counts. Does nothing when already listening.
     *
     * @throws UncheckedIOException if the port was taken meanwhile
     */
    public synchronized void acceptConnections() {
        if (server == null) {
            bind(address);
        }
    }

    /** Stops serving at once; requests in progress may be cut off. */
    @Override
    public synchronized void close() {
        refuseConnections();
        executor.shutdownNow();
    }

    /** Applies one drift batch, a simulated second after the last change, before a request. */
    synchronized void drift(RequestFaults faults) {
        now = now.plusSeconds(1);
        int size = faults.plan().driftBatch();
        DriftBatch batch = new DriftBatch(factory, now, runs(), size,
                faults.random(Fault.DRIFT), faults.number());
        store.rewrite(batch::apply, batch.inserted(size, numbers));
        List<DriftMutation> applied = batch.mutations();
        driftLog.addAll(applied);
        faults.injected(Fault.DRIFT, describe(applied));
    }

    /** e.g. {@code deleted 2, changed 2, inserted 2}. */
    private static String describe(List<DriftMutation> batch) {
        Map<DriftMutation.Change, Long> counts = new EnumMap<>(DriftMutation.Change.class);
        batch.forEach(mutation -> counts.merge(mutation.change(), 1L, Long::sum));
        return "deleted " + counts.getOrDefault(DriftMutation.Change.DELETED, 0L)
                + ", changed " + counts.getOrDefault(DriftMutation.Change.CHANGED, 0L)
                + ", inserted " + counts.getOrDefault(DriftMutation.Change.INSERTED, 0L);
    }

    private void listen() {
        disableNagleForSmallResponses();
        executor = Executors.newFixedThreadPool(settings.threads(), daemonThreads());
        endpoint = new RunsEndpoint(settings, store, journal, failures, injector, this::drift);
        try {
            bind(new InetSocketAddress(settings.host(), settings.port()));
        } catch (UncheckedIOException e) {
            executor.shutdownNow();
            throw e;
        }
        address = server.getAddress();
    }

    private void bind(InetSocketAddress at) {
        try {
            server = HttpServer.create(at, 64);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + settings.host() + ":"
                    + (at.getPort() == 0 ? settings.port() : at.getPort()), e);
        }
        server.setExecutor(executor);
        server.createContext("/", endpoint);
        server.start();
    }

    /**
     * The JDK server sends headers and body in separate writes; without TCP_NODELAY a small page
     * then waits for the client's delayed ACK, about 40 ms a request. The server reads this
     * property once, when its first instance in the JVM is created; a value already set wins.
     */
    private static void disableNagleForSmallResponses() {
        if (System.getProperty(NO_DELAY_PROPERTY) == null) {
            System.setProperty(NO_DELAY_PROPERTY, "true");
        }
    }

    private double runsPerDay() {
        return settings.runs() / (double) settings.days();
    }

    private SplittableRandom nextMutationRandom() {
        mutations++;
        return new SplittableRandom(settings.seed() ^ (mutations * MUTATION_SEED_STEP));
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, "runs-simulator-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
