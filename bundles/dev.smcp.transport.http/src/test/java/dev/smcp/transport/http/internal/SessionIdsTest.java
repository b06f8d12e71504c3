package dev.smcp.transport.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class SessionIdsTest {

    private static final String ID = "5705cc74a6c142b99fc05e7b0501bb3d";

    @Test
    void acceptsThirtyTwoHexDigits() {
        assertEquals(ID, SessionIds.normalize(ID));
    }

    @Test
    void lowercases() {
        assertEquals(ID, SessionIds.normalize(ID.toUpperCase()));
    }

    @Test
    void acceptsTheDashedForm() {
        assertEquals(ID, SessionIds.normalize("5705cc74-a6c1-42b9-9fc0-5e7b0501bb3d"));
        assertEquals(ID, SessionIds.normalize("5705CC74-A6C1-42B9-9FC0-5E7B0501BB3D"));
    }

    @Test
    void rejectsEverythingElse() {
        assertNull(SessionIds.normalize(""));
        assertNull(SessionIds.normalize("xyz"));
        assertNull(SessionIds.normalize(ID.substring(1)));
        assertNull(SessionIds.normalize(ID + "0"));
        assertNull(SessionIds.normalize("5705cc74a6c142b99fc05e7b0501bb3g"));
        assertNull(SessionIds.normalize("5705cc74-a6c142b9-9fc0-5e7b0501bb3d-"));
        assertNull(SessionIds.normalize("5705cc74-a6c1-42b9-9fc0-5e7b0501bb3"));
        assertNull(SessionIds.normalize("5705cc74-a6c1-42b9-9fc0--e7b0501bb3d"));
        assertNull(SessionIds.normalize("{5705cc74-a6c1-42b9-9fc0-5e7b0501bb}"));
        // digits that Character.digit would accept but are not ASCII hex
        assertNull(SessionIds.normalize("５705cc74a6c142b99fc05e7b0501bb3d"));
        assertNull(SessionIds.normalize("٥705cc74a6c142b99fc05e7b0501bb3d"));
    }
}
