package dev.smcp.plugin.promptyoself.internal;

import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PromptYoSelf engine the tools share: the store, the Letta client, and the scheduler thread that delivers due
 * prompts every poll interval. Owns its threads: {@link #stop()} ends them. A new configuration restarts it (and
 * the tools with it).
 */
@Component(service = PromptYoSelf.class, immediate = true, configurationPid = PromptYoSelfConfiguration.PID)
@Designate(ocd = PromptYoSelfConfiguration.class)
public final class PromptYoSelf {

    private static final Logger LOG = LoggerFactory.getLogger(PromptYoSelf.class);

    private final Settings settings;
    private final Clock clock;
    private final ReminderStore store;
    private final ExecutorService httpThreads;
    private final LettaClient letta;
    private final PromptDelivery delivery;
    private final ScheduledExecutorService scheduler;

    /** Started by Declarative Services, on the system clock and the process environment. */
    @Activate
    public PromptYoSelf(PromptYoSelfConfiguration config) {
        this(Settings.from(config, System.getenv(), Path.of(System.getProperty("user.home"))), Clock.systemUTC());
    }

    PromptYoSelf(Settings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.store = ReminderStore.open(settings.database(), settings.databaseUser(), settings.databasePassword());
        this.httpThreads = Executors.newCachedThreadPool(threads("promptyoself-letta"));
        this.letta = new LettaClient(settings.lettaBaseUrl(), settings.lettaToken(), settings.lettaTimeout(),
                httpThreads);
        this.delivery = new PromptDelivery(store, letta, clock, settings.retries(), settings.lease());
        if (settings.schedulerEnabled()) {
            scheduler = Executors.newSingleThreadScheduledExecutor(threads("promptyoself-scheduler"));
            long poll = settings.poll().toMillis();
            scheduler.scheduleWithFixedDelay(this::scheduledPass, Math.min(poll, 1000), poll, TimeUnit.MILLISECONDS);
        } else {
            scheduler = null;
        }
        LOG.info("PromptYoSelf started: prompts in {}, Letta at {}, scheduler {}", store.location(),
                letta.baseUrl(), scheduler == null ? "off" : "every " + settings.poll().toSeconds() + " s");
    }

    /** Stops the scheduler (waiting for a pass in progress) and the HTTP threads. */
    @Deactivate
    void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            awaitQuietly(scheduler);
        }
        letta.close();
        httpThreads.shutdownNow();
        awaitQuietly(httpThreads);
    }

    ReminderStore store() {
        return store;
    }

    LettaClient letta() {
        return letta;
    }

    PromptDelivery delivery() {
        return delivery;
    }

    Clock clock() {
        return clock;
    }

    ZoneId defaultZone() {
        return settings.defaultZone();
    }

    private void scheduledPass() {
        try {
            delivery.runOnce();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // the next pass tries again; an exception escaping would end the schedule
            LOG.warn("PromptYoSelf delivery pass failed: {}", e.toString());
        }
    }

    private static void awaitQuietly(ExecutorService executor) {
        try {
            if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.warn("PromptYoSelf threads did not stop within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory threads(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
