package dev.smcp.plugin.clock.internal;

/** Arguments a tool cannot use; the message names the field and is shown to the model as it is. */
final class InvalidArgumentsException extends Exception {

    private static final long serialVersionUID = 1L;

    InvalidArgumentsException(String message) {
        super(message);
    }
}
