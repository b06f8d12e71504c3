package dev.smcp.plugins.internal.call;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.math.BigInteger;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class JsonNumbersTest {

    @ParameterizedTest
    @CsvSource({
            "2.0, 2.0", "2.5, 2.5", "-2.5, -2.5", "0.1, 0.1", "1e-7, 1e-7", "1.5e-7, 1.5e-7", "0.000001, 0.000001",
            "1e-5, 0.00001", "0.0001, 0.0001", "1e16, 10000000000000000.0", "1e20, 100000000000000000000.0",
            "1e21, 1e+21", "1.5e300, 1.5e+300", "123456.789, 123456.789", "0.0, 0.0", "-0.0, -0.0",
            "0.30000000000000004, 0.30000000000000004", "2.82879384806159E17, 282879384806159000.0",
            "1.7976931348623157E308, 1.7976931348623157e+308", "4.9E-324, 4.9e-324" })
    void doublesSpelledAsJsonWithFractionKept(double value, String expected) {
        assertEquals(expected, JsonNumbers.render(value, false));
    }

    @Test
    void integersExact() {
        assertEquals("3", JsonNumbers.render(3L, false));
        assertEquals("-3", JsonNumbers.render(-3, false));
        assertEquals("10000000000000000000000", JsonNumbers.render(new BigInteger("10000000000000000000000"), false));
        assertEquals("9223372036854775807", JsonNumbers.render(Long.MAX_VALUE, true));
    }

    @Test
    void declaredIntegerDropsTheFractionOfIntegralValues() {
        assertEquals("2", JsonNumbers.render(2.0, true));
        assertEquals("10000000000000000", JsonNumbers.render(1e16, true));
        assertEquals("2.5", JsonNumbers.render(2.5, true));
        assertEquals("0", JsonNumbers.render(-0.0, true));
        assertEquals("12", JsonNumbers.render(new BigDecimal("1.2E+1"), true));
    }

    @Test
    void bigDecimalsKeepTheirExactValue() {
        assertEquals("2.0", JsonNumbers.render(new BigDecimal("2.0"), false));
        assertEquals("2.0", JsonNumbers.render(new BigDecimal("2.000"), false));
        assertEquals("0.1000000000000000000000000001",
                JsonNumbers.render(new BigDecimal("0.1000000000000000000000000001"), false));
        assertEquals("1e-7", JsonNumbers.render(new BigDecimal("1E-7"), false));
        assertEquals("1000.0", JsonNumbers.render(new BigDecimal("1E+3"), false));
    }

    @Test
    void floats() {
        assertEquals("0.1", JsonNumbers.render(0.1f, false));
        assertEquals("2.0", JsonNumbers.render(2f, false));
    }
}
