package io.parley.embedded.internal.session;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.jctools.queues.MpscUnboundedArrayQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tasks one at a time, in submission order, on a shared pool: per-session ordering for work
 * that may block (host interceptors and receivers) without a thread per session.
 *
 * <p>Every client session has one, but without host interceptors most never run a task: the
 * queue (about 700 bytes with JCTools' padding and first chunk) is created by the first
 * {@link #execute}, and the flags are plain fields, so an unused executor costs a few words.
 *
 * <p>{@link #execute} never refuses a task. When the pool refuses to schedule the executor (a
 * saturated host pool, or one shut down), the calling thread runs what is queued, as
 * {@code ThreadPoolExecutor.CallerRunsPolicy} would: a refusal that left the tasks queued would
 * run them only when something scheduled this executor again, perhaps never, and a refusal passed
 * on to the caller would strand the tasks that other callers had already handed over.
 */
public final class SerialExecutor implements Executor {
  private static final Logger log = LoggerFactory.getLogger(SerialExecutor.class);
  private static final int BATCH = 64;
  private static final VarHandle TASKS;
  private static final VarHandle SCHEDULED;
  private static final VarHandle PENDING;

  static {
    try {
      MethodHandles.Lookup l = MethodHandles.lookup();
      TASKS = l.findVarHandle(SerialExecutor.class, "tasks", MpscUnboundedArrayQueue.class);
      SCHEDULED = l.findVarHandle(SerialExecutor.class, "scheduled", int.class);
      PENDING = l.findVarHandle(SerialExecutor.class, "pending", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final Executor pool;
  private volatile MpscUnboundedArrayQueue<Runnable> tasks;
  private volatile int scheduled; // 0 or 1
  private volatile int pending;

  public SerialExecutor(Executor pool) {
    this.pool = pool;
  }

  @Override
  public void execute(Runnable task) {
    PENDING.getAndAdd(this, 1);
    tasks().offer(task);
    schedule();
  }

  /** Tasks submitted and not yet finished: what a producer may have to wait for. */
  public int pending() {
    return pending;
  }

  @SuppressWarnings("unchecked")
  private MpscUnboundedArrayQueue<Runnable> tasks() {
    MpscUnboundedArrayQueue<Runnable> q = tasks;
    if (q == null) {
      q = new MpscUnboundedArrayQueue<>(16);
      Object won = TASKS.compareAndExchange(this, null, q);
      if (won != null) {
        q = (MpscUnboundedArrayQueue<Runnable>) won;
      }
    }
    return q;
  }

  private void schedule() {
    while (SCHEDULED.compareAndSet(this, 0, 1)) {
      try {
        pool.execute(this::run);
        return;
      } catch (RejectedExecutionException e) {
        // Every queued task was accepted, by this call or by one that returned while we held
        // the flag, so none may be dropped, and none may run twice. With the pool refusing,
        // this thread runs them, in order: the flag it holds keeps any other runner out.
        log.warn("pool refused the next {} task(s) ({}); running them on {}", pending,
            e.getMessage(), Thread.currentThread().getName());
        if (!runBatch()) {
          return;
        }
      }
    }
  }

  private void run() {
    if (runBatch()) {
      schedule();
    }
  }

  /** Runs up to a batch, releases the flag, and says whether tasks are left. */
  private boolean runBatch() {
    // Only the flag's holder gets here, and only after an offer, so the queue exists.
    MpscUnboundedArrayQueue<Runnable> q = tasks;
    for (int i = 0; i < BATCH; i++) {
      Runnable task = q.relaxedPoll();
      if (task == null) {
        break;
      }
      try {
        task.run();
      } catch (RuntimeException e) {
        log.warn("task failed", e);
      } finally {
        PENDING.getAndAdd(this, -1);
      }
    }
    scheduled = 0;
    // Re-checked after clearing the flag: a producer may have offered while we were finishing.
    return !q.isEmpty();
  }
}
