package dev.smcp.transport.http.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The access rules of the HTTP transports, without servlets: Host, then Origin, then API key.
 * <ul>
 * <li><b>Host</b> must be a loopback name ({@code localhost}, {@code *.localhost}), an IP literal, or listed. A DNS
 * rebinding attack makes a browser send the attacker's host name, which is none of these.</li>
 * <li><b>Origin</b>, when present (browsers send it), must be listed, a loopback page, or this server's own origin
 * ({@code scheme://Host}); {@code null} origins are refused unless listed.</li>
 * <li><b>API key</b>: a listed key in {@code Authorization: Bearer} or {@code X-API-Key}; loopback clients need none
 * when allowed. Keys are compared as SHA-256 digests with {@link MessageDigest#isEqual}, against every key, so the
 * time taken tells nothing about the key.</li>
 * </ul>
 * Instances are immutable.
 */
final class AccessPolicy {

    /** The caller of requests served without a key. */
    static final String ANONYMOUS = "anonymous";

    /**
     * What a check decided.
     *
     * @param caller who the request is from when allowed: {@link #ANONYMOUS} or {@code key:<fingerprint>};
     *            {@code null} when refused
     * @param status the HTTP status of a refusal
     * @param error the {@code error} code of a refusal: {@code forbidden_host}, {@code forbidden_origin},
     *            {@code unauthorized}
     * @param message a sentence for the client
     */
    record Decision(String caller, int status, String error, String message) {
        boolean allowed() {
            return caller != null;
        }

        static Decision allow(String caller) {
            return new Decision(caller, 200, null, null);
        }
    }

    private final List<byte[]> keyDigests;
    private final List<String> keyFingerprints;
    private final boolean allowLoopback;
    private final boolean authDisabled;
    private final Set<String> allowedHosts;
    private final Set<String> allowedOrigins;

    AccessPolicy(String[] apiKeys, boolean allowLoopback, boolean authDisabled, String[] allowedHosts,
            String[] allowedOrigins) {
        this.keyDigests = new ArrayList<>();
        this.keyFingerprints = new ArrayList<>();
        for (String key : apiKeys == null ? new String[0] : apiKeys) {
            if (key != null && !key.isBlank()) {
                byte[] digest = sha256(key.strip());
                keyDigests.add(digest);
                keyFingerprints.add("key:" + HexFormat.of().formatHex(digest, 0, 6));
            }
        }
        this.allowLoopback = allowLoopback;
        this.authDisabled = authDisabled;
        this.allowedHosts = lowerCase(allowedHosts);
        this.allowedOrigins = new TreeSet<>();
        lowerCase(allowedOrigins).forEach(origin -> this.allowedOrigins.add(withoutTrailingSlash(origin)));
    }

    /** @return the defaults: no keys, loopback clients served, loopback names and IP literals as hosts */
    static AccessPolicy defaults() {
        return new AccessPolicy(new String[0], true, false, new String[0], new String[0]);
    }

    static AccessPolicy of(HttpSecurityConfig config) {
        return new AccessPolicy(config.apiKeys(), config.allowLoopback(), config.authDisabled(),
                config.allowedHosts(), config.allowedOrigins());
    }

    int keyCount() {
        return keyDigests.size();
    }

    boolean allowLoopback() {
        return allowLoopback;
    }

    boolean authDisabled() {
        return authDisabled;
    }

    /**
     * @param remoteAddress the client's IP address, as the servlet container gives it
     * @param host the {@code Host} header, or {@code null}
     * @param origin the {@code Origin} header, or {@code null}
     * @param authorization the {@code Authorization} header, or {@code null}
     * @param apiKeyHeader the {@code X-API-Key} header, or {@code null}
     */
    Decision check(String remoteAddress, String host, String origin, String authorization, String apiKeyHeader) {
        Decision hostOrigin = checkHostAndOrigin(host, origin);
        if (hostOrigin != null) {
            return hostOrigin;
        }
        if (authDisabled) {
            return Decision.allow(ANONYMOUS);
        }
        String presented = presentedKey(authorization, apiKeyHeader);
        if (presented != null && !keyDigests.isEmpty()) {
            String caller = match(presented);
            return caller != null ? Decision.allow(caller) : unauthorized("invalid API key");
        }
        if (allowLoopback && isLoopbackAddress(remoteAddress)) {
            return Decision.allow(ANONYMOUS);
        }
        return unauthorized(keyDigests.isEmpty() ? "this server accepts loopback clients only"
                : "an API key is required (Authorization: Bearer <key> or X-API-Key)");
    }

    /** @return a refusal, or {@code null} when Host and Origin are acceptable */
    Decision checkHostAndOrigin(String host, String origin) {
        String hostName = host == null ? null : hostName(host.strip());
        if (host != null && !hostAllowed(host.strip(), hostName)) {
            return new Decision(null, 403, "forbidden_host", "Host not allowed: " + shown(host));
        }
        if (origin != null && !originAllowed(origin.strip(), host == null ? null : host.strip())) {
            return new Decision(null, 403, "forbidden_origin", "Origin not allowed: " + shown(origin));
        }
        return null;
    }

    private boolean hostAllowed(String host, String name) {
        if (name == null) {
            return false;
        }
        return allowedHosts.contains("*") || allowedHosts.contains(host.toLowerCase(Locale.ROOT))
                || allowedHosts.contains(name) || isLoopbackName(name) || isIpLiteral(name);
    }

    private boolean originAllowed(String origin, String host) {
        String normalized = withoutTrailingSlash(origin.toLowerCase(Locale.ROOT));
        if (allowedOrigins.contains("*") || allowedOrigins.contains(normalized)) {
            return true;
        }
        URI uri;
        try {
            uri = new URI(normalized);
        } catch (URISyntaxException e) {
            return false;
        }
        String originHost = uri.getHost();
        if (originHost == null || uri.getScheme() == null
                || !uri.getScheme().equals("http") && !uri.getScheme().equals("https")) {
            return false; // "null", file:, chrome-extension: ...
        }
        String name = originHost.startsWith("[") ? originHost.substring(1, originHost.length() - 1) : originHost;
        if (isLoopbackName(name) || isLoopbackAddress(name)) {
            return true;
        }
        // same origin: the page came from this server, under a Host that passed the check above
        return host != null && uri.getRawAuthority() != null
                && uri.getRawAuthority().equals(host.toLowerCase(Locale.ROOT));
    }

    private String match(String presented) {
        byte[] digest = sha256(presented);
        String caller = null;
        for (int i = 0; i < keyDigests.size(); i++) {
            if (MessageDigest.isEqual(digest, keyDigests.get(i)) && caller == null) {
                caller = keyFingerprints.get(i); // no early exit: every key is compared
            }
        }
        return caller;
    }

    private static Decision unauthorized(String message) {
        return new Decision(null, 401, "unauthorized", "Unauthorized: " + message);
    }

    /** @return the key from {@code Authorization: Bearer <key>}, else from {@code X-API-Key}, else {@code null} */
    static String presentedKey(String authorization, String apiKeyHeader) {
        if (authorization != null) {
            String value = authorization.strip();
            if (value.length() > 7 && value.regionMatches(true, 0, "Bearer ", 0, 7)) {
                String token = value.substring(7).strip();
                if (!token.isEmpty()) {
                    return token;
                }
            }
        }
        if (apiKeyHeader != null && !apiKeyHeader.isBlank()) {
            return apiKeyHeader.strip();
        }
        return null;
    }

    /** @return the lower-case host name of a Host header ({@code name}, {@code name:port}, {@code [v6]:port}) */
    static String hostName(String host) {
        String lower = host.toLowerCase(Locale.ROOT);
        if (lower.startsWith("[")) {
            int end = lower.indexOf(']');
            return end < 0 ? null : lower.substring(1, end);
        }
        int colon = lower.indexOf(':');
        String name = colon < 0 ? lower : lower.substring(0, colon);
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        return name.isEmpty() ? null : name;
    }

    static boolean isLoopbackName(String name) {
        return name.equals("localhost") || name.endsWith(".localhost");
    }

    /** Only IP literals count: nothing is looked up, so a name can never turn into a loopback address. */
    static boolean isLoopbackAddress(String address) {
        if (address == null) {
            return false;
        }
        String a = address.toLowerCase(Locale.ROOT);
        if (a.startsWith("[") && a.endsWith("]")) {
            a = a.substring(1, a.length() - 1);
        }
        if (a.startsWith("::ffff:")) {
            a = a.substring(7);
        }
        return isIpv4(a) && a.startsWith("127.") || a.equals("::1") || a.equals("0:0:0:0:0:0:0:1");
    }

    static boolean isIpLiteral(String name) {
        return isIpv4(name) || name.indexOf(':') >= 0 && name.matches("[0-9a-f:.]+");
    }

    private static boolean isIpv4(String name) {
        String[] parts = name.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)
                    || Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }

    /** A header value fit for an error message: printable ASCII, at most 100 characters. */
    private static String shown(String value) {
        StringBuilder out = new StringBuilder();
        for (char c : value.toCharArray()) {
            if (out.length() == 100) {
                out.append("...");
                break;
            }
            out.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return out.toString();
    }

    private static Set<String> lowerCase(String[] values) {
        Set<String> out = new TreeSet<>();
        for (String value : values == null ? new String[0] : values) {
            if (value != null && !value.isBlank()) {
                out.add(value.strip().toLowerCase(Locale.ROOT));
            }
        }
        return out;
    }

    private static String withoutTrailingSlash(String origin) {
        return origin.endsWith("/") ? origin.substring(0, origin.length() - 1) : origin;
    }

    private static byte[] sha256(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }
}
