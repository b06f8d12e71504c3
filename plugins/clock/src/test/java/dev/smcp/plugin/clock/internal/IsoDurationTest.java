package dev.smcp.plugin.clock.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Period;

import org.junit.jupiter.api.Test;

class IsoDurationTest {

    @Test
    void parsesEveryPart() {
        IsoDuration full = IsoDuration.parse("P1Y2M1W3DT4H5M6.007S");
        assertEquals(Period.of(1, 2, 10), full.period());
        assertEquals(Duration.parse("PT4H5M6.007S"), full.time());
        assertEquals("P1Y2M10DT4H5M6.007S", full.toString());
        assertEquals("P1D", IsoDuration.parse("+P1D").toString(), "+P1D is positive");
        assertEquals("PT0.5S", IsoDuration.parse("PT0,5S").toString(), "a decimal comma");
        assertEquals("PT0S", IsoDuration.parse("P0D").toString());
        assertEquals("PT36H", IsoDuration.parse("PT36H").toString(), "hours are not days");
    }

    @Test
    void refusesWhatIsNotADuration() {
        for (String text : new String[] {"", "P", "PT", "1D", "P1.5D", "PT1.1234567891S", "P-1D", "P1DT", "--P1D"}) {
            assertThrows(IllegalArgumentException.class, () -> IsoDuration.parse(text), text);
        }
    }

    @Test
    void formatsExactDurationsWithDaysOf24Hours() {
        assertEquals("P2DT1H", IsoDuration.format(Duration.ofHours(49)));
        assertEquals("-PT1M0.5S", IsoDuration.format(Duration.ofMillis(-60_500)));
        assertEquals("PT0S", IsoDuration.format(Duration.ZERO));
        assertEquals("P1D", IsoDuration.format(Duration.ofDays(1)));
    }
}
