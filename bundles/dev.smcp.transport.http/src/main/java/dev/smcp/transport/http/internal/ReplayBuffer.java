package dev.smcp.transport.http.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The recent events of one session's GET stream, for a client that reconnects with {@code Last-Event-ID}. Event ids
 * count up from 1. The buffer holds at most {@code maxBytes} of events (the newest event always stays, however
 * large); older ones are forgotten. Not thread-safe: its owner guards it.
 */
final class ReplayBuffer {

    private record Event(long id, byte[] frame) {
    }

    private final long maxBytes;
    private final ArrayDeque<Event> events = new ArrayDeque<>();
    private long bytes;
    private long lastId;

    /** @param maxBytes the most bytes of events kept */
    ReplayBuffer(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** @return the id the next event gets */
    long nextId() {
        return lastId + 1;
    }

    /**
     * Keeps an event, forgetting the oldest ones beyond the cap.
     *
     * @param id its id: {@link #nextId()}
     * @param frame the event as written
     */
    void add(long id, byte[] frame) {
        if (id != lastId + 1) {
            throw new IllegalArgumentException("event " + id + " after " + lastId);
        }
        lastId = id;
        events.addLast(new Event(id, frame));
        bytes += frame.length;
        while (bytes > maxBytes && events.size() > 1) {
            bytes -= events.removeFirst().frame().length;
        }
    }

    /** @return the id of the newest event, 0 when none was added */
    long lastId() {
        return lastId;
    }

    /**
     * @param id an event id
     * @return the kept events after it, oldest first (all kept events when {@code id} is older than the oldest)
     */
    List<byte[]> after(long id) {
        List<byte[]> frames = new ArrayList<>();
        for (Event event : events) {
            if (event.id() > id) {
                frames.add(event.frame());
            }
        }
        return frames;
    }

    /** @return the bytes kept */
    long bytes() {
        return bytes;
    }
}
