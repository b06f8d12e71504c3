package dev.smcp.plugins.internal.testsupport;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import dev.smcp.api.Cancellation;
import dev.smcp.api.exec.ExecRequest;
import dev.smcp.api.exec.ExecResult;
import dev.smcp.api.exec.ProcessExecutor;

/** A {@link ProcessExecutor} answering from a function, recording every request. */
public final class FakeExecutor implements ProcessExecutor {

    public final List<ExecRequest> requests = new CopyOnWriteArrayList<>();
    private final Function<ExecRequest, ExecResult> answer;

    public FakeExecutor(Function<ExecRequest, ExecResult> answer) {
        this.answer = answer;
    }

    @Override
    public ExecResult execute(ExecRequest request, Cancellation cancellation) {
        requests.add(request);
        return answer.apply(request);
    }

    public static ExecResult exited(int code, String stdout, String stderr) {
        return new ExecResult(ExecResult.Outcome.EXITED, code, stdout.getBytes(StandardCharsets.UTF_8),
                stderr.getBytes(StandardCharsets.UTF_8), false, Duration.ofMillis(5), null);
    }

    public static ExecResult outcome(ExecResult.Outcome outcome, String detail) {
        return new ExecResult(outcome, -1, null, null, false, Duration.ofMillis(5), detail);
    }
}
