package dev.smcp.transport.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

class ReplayBufferTest {

    private static byte[] frame(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> texts(List<byte[]> frames) {
        return frames.stream().map(f -> new String(f, StandardCharsets.UTF_8)).toList();
    }

    @Test
    void replaysWhatCameAfterAnId() {
        ReplayBuffer buffer = new ReplayBuffer(100);
        assertEquals(1, buffer.nextId());
        buffer.add(1, frame("a"));
        buffer.add(2, frame("b"));
        buffer.add(3, frame("c"));
        assertEquals(3, buffer.lastId());
        assertEquals(List.of("b", "c"), texts(buffer.after(1)));
        assertEquals(List.of(), texts(buffer.after(3)));
        assertEquals(List.of("a", "b", "c"), texts(buffer.after(0)));
    }

    @Test
    void forgetsTheOldestBeyondTheCapButKeepsTheNewest() {
        ReplayBuffer buffer = new ReplayBuffer(5);
        buffer.add(1, frame("aaa"));
        buffer.add(2, frame("bb"));
        assertEquals(5, buffer.bytes());
        buffer.add(3, frame("c"));
        assertEquals(List.of("bb", "c"), texts(buffer.after(0)));
        buffer.add(4, frame("dddddddd"));
        assertEquals(List.of("dddddddd"), texts(buffer.after(0)));
        assertEquals(8, buffer.bytes());
    }

    @Test
    void idsMustFollowEachOther() {
        ReplayBuffer buffer = new ReplayBuffer(5);
        assertThrows(IllegalArgumentException.class, () -> buffer.add(2, frame("x")));
    }
}
