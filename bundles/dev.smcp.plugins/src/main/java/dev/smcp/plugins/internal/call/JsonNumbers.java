package dev.smcp.plugins.internal.call;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.core.io.NumberOutput;

/**
 * Spells numbers for argv, in JSON, never in Python-isms.
 * <ul>
 * <li>Integers ({@code Long}, {@code BigInteger}, ...): plain decimal, exact ({@code 3},
 * {@code 10000000000000000000000}).</li>
 * <li>Non-integers ({@code Double}, {@code Float}, {@code BigDecimal}): the shortest decimal that reads back as the
 * same value, spelled as ECMAScript's {@code Number.prototype.toString} (what {@code JSON.stringify} prints): plain
 * when the leading digit's decimal exponent is in [-6, 21) ({@code 2.5}, {@code 0.000001}), else scientific with
 * a signed exponent ({@code 1e-7}, {@code 1.5e+300}). One deviation from ECMAScript: an integral value keeps a
 * {@code .0} ({@code 2.0} stays {@code 2.0}), so a JSON float stays a float for the plugin.</li>
 * <li>When the parameter is declared {@code integer}, an integral non-integer spelling ({@code 2.0}) is rendered
 * as the integer ({@code 2}), since argparse's {@code type=int} rejects {@code 2.0}.</li>
 * </ul>
 */
final class JsonNumbers {

    private JsonNumbers() {
    }

    /**
     * @param number a decoded JSON number
     * @param asInteger whether the parameter is declared {@code integer}
     * @return its argv spelling
     */
    static String render(Number number, boolean asInteger) {
        if (number instanceof Long || number instanceof Integer || number instanceof Short || number instanceof Byte
                || number instanceof BigInteger || number instanceof AtomicLong || number instanceof AtomicInteger) {
            return number.toString();
        }
        BigDecimal decimal;
        if (number instanceof BigDecimal d) {
            decimal = d;
        } else if (number instanceof Float f) {
            if (f.isNaN() || f.isInfinite()) {
                return f.toString();
            }
            decimal = new BigDecimal(NumberOutput.toString(f.floatValue(), true));
        } else {
            double d = number.doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                return Double.toString(d);
            }
            if (d == 0 && 1 / d < 0) {
                return asInteger ? "0" : "-0.0";
            }
            decimal = new BigDecimal(NumberOutput.toString(d, true));
        }
        return render(decimal, asInteger);
    }

    private static String render(BigDecimal value, boolean asInteger) {
        BigDecimal stripped = value.stripTrailingZeros();
        boolean integral = stripped.scale() <= 0;
        if (integral && asInteger) {
            return stripped.toBigIntegerExact().toString();
        }
        int exponent = stripped.precision() - stripped.scale() - 1;
        if (integral && exponent < 21) {
            return stripped.toPlainString() + ".0";
        }
        if (exponent >= -6 && exponent < 21) {
            return stripped.toPlainString();
        }
        String digits = stripped.unscaledValue().abs().toString();
        StringBuilder out = new StringBuilder();
        if (stripped.signum() < 0) {
            out.append('-');
        }
        out.append(digits.charAt(0));
        if (digits.length() > 1) {
            out.append('.').append(digits, 1, digits.length());
        }
        return out.append('e').append(exponent < 0 ? '-' : '+').append(Math.abs(exponent)).toString();
    }
}
