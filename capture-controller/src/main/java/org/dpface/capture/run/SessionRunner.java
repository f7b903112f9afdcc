package org.dpface.capture.run;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.dpface.capture.session.ConsentException;
import org.dpface.capture.session.Session;
import org.dpface.capture.session.Take;
import org.dpface.capture.session.TakeSpec;
import org.dpface.capture.session.TakeState;
import org.dpface.capture.storage.SessionStore;

/**
 * Runs a session's capture plan with a {@link TakeRunner}: continues where it stopped (a reopened session
 * has its interrupted take INCOMPLETE), skips specs that already have a COMPLETE take, captures PLANNED
 * ones, and — on request — retakes FAILED and INCOMPLETE ones (the old take becomes SUPERSEDED, its
 * files stay).
 */
public final class SessionRunner {
  /**
   * What one run did.
   *
   * @param captured takes captured in this run, in order, with their final state
   * @param alreadyComplete plan entries skipped because they were already complete
   * @param notRetaken FAILED or INCOMPLETE takes left as they were (retake not requested)
   */
  public record Result(List<Take> captured, int alreadyComplete, List<Take> notRetaken) {
    public Result {
      captured = List.copyOf(captured);
      notRetaken = List.copyOf(notRetaken);
    }

    /** Takes of this run that failed. */
    public List<Take> failed() {
      return captured.stream().filter(t -> t.state() != TakeState.COMPLETE).toList();
    }
  }

  private final TakeRunner runner;
  private final CaptureListener listener;

  public SessionRunner(TakeRunner runner, CaptureListener listener) {
    this.runner = runner;
    this.listener = listener;
  }

  /**
   * Captures every plan entry that is not complete yet, in plan order.
   *
   * @param retakeFailed also retake FAILED and INCOMPLETE takes
   */
  public Result runPlan(SessionStore store, boolean retakeFailed) throws IOException, ConsentException {
    Session s = store.session();
    List<String> todo = new ArrayList<>();
    List<Take> left = new ArrayList<>();
    int complete = 0;
    for (TakeSpec spec : s.plan().takes()) {
      Take t = current(s, spec);
      switch (t.state()) {
        case COMPLETE -> complete++;
        case PLANNED -> todo.add(t.id());
        case FAILED, INCOMPLETE -> {
          if (retakeFailed) {
            todo.add(store.retake(t.id()).id());
          } else {
            left.add(t);
          }
        }
        case CAPTURING, SUPERSEDED -> throw new IllegalStateException("take " + t.id() + " is " + t.state());
      }
    }
    List<Take> captured = new ArrayList<>();
    for (int i = 0; i < todo.size(); i++) {
      captured.add(runner.capture(store, todo.get(i), i + 1, todo.size(), listener));
    }
    return new Result(captured, complete, left);
  }

  /**
   * Captures one plan entry: a PLANNED take is captured, a FAILED or INCOMPLETE one is retaken (one
   * command), a COMPLETE one only with {@code retakeComplete}.
   */
  public Take runTake(SessionStore store, TakeSpec spec, boolean retakeComplete)
      throws IOException, ConsentException {
    Session s = store.session();
    if (!s.plan().takes().contains(spec)) {
      throw new IllegalArgumentException("take " + spec.label() + " is not in session " + s.id() + "'s plan");
    }
    Take t = current(s, spec);
    String id = switch (t.state()) {
      case PLANNED -> t.id();
      case FAILED, INCOMPLETE -> store.retake(t.id()).id();
      case COMPLETE -> {
        if (!retakeComplete) {
          throw new IllegalStateException("take " + t.id() + " (" + spec.label() + ") is already COMPLETE");
        }
        yield store.retake(t.id()).id();
      }
      case CAPTURING, SUPERSEDED -> throw new IllegalStateException("take " + t.id() + " is " + t.state());
    };
    return runner.capture(store, id, 1, 1, listener);
  }

  /** The latest take of {@code spec} that was not superseded. */
  static Take current(Session s, TakeSpec spec) {
    Optional<Take> last = Optional.empty();
    for (Take t : s.takes()) {
      if (t.spec().equals(spec) && t.state() != TakeState.SUPERSEDED) {
        last = Optional.of(t);
      }
    }
    return last.orElseThrow(() -> new IllegalStateException("session " + s.id() + " has no live take of "
        + spec.label()));
  }
}
