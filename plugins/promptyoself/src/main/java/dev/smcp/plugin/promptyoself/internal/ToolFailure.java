package dev.smcp.plugin.promptyoself.internal;

/** A call that cannot be served, with the error code and message the model sees. */
final class ToolFailure extends Exception {

    private static final long serialVersionUID = 1L;

    /** Letta could not be reached or refused the request. */
    static final String LETTA_ERROR = "letta_error";
    /** No prompt with that id. */
    static final String NOT_FOUND = "not_found";
    /** The database failed. */
    static final String STORAGE_ERROR = "storage_error";

    private final String code;

    ToolFailure(String code, String message) {
        super(message);
        this.code = code;
    }

    String code() {
        return code;
    }
}
