/*
 * The attempt/slot protocol between jobs, contacts, the organization throttle and the voice platform, checked
 * exhaustively by spin. SlotProtocol.md maps every step to the C# method it stands for.
 *
 *   spin -a SlotProtocol.pml && gcc -O2 -w -DSAFETY -DCOLLAPSE -DMEMLIM=4096 -o pan pan.c && ./pan -m200000 -w26
 *       the protocol of record (stored members with bounds; the exchange before any reconcile): no errors
 *   spin -DOLD_RECOVERY -a SlotProtocol.pml && gcc -O2 -w -DSAFETY -DBFS -o pan pan.c && ./pan
 *       the recovery it replaces (a stored Active flag and a quiet period, leases dropped on expiry, reconcile before
 *       the exchange): an assertion fails, more calls live than the ceiling; spin -t -DOLD_RECOVERY SlotProtocol.pml
 *       replays the run (its MSC: lines tell it)
 *   spin -DNO_SENT_AT -a SlotProtocol.pml && gcc -O2 -w -DSAFETY -DBFS -o pan pan.c && ./pan
 *       a throttle that applies a late exchange request blindly (SlotRequest.SentAt not compared): the ceiling breaks
 *   -DFAILURES=2 (with -DATTEMPTS=1 to stay small) passes too; it fails with -DNO_REPING, -DNO_BOUND_ON_GROWTH or
 *       -DNO_RESTORE_STAMP, the refinements two failures need (see SlotProtocol.md)
 *
 * One organization with ceiling C = 2; job A (0) with contacts 0 and 1, job B (1) with contact 2, both with
 * concurrentCallLimit CAP = 2; each contact is dialed ATTEMPTS times (every attempt but the last ends no_answer, so the
 * retry is always taken). At most FAILURES failures in a run, each one of: a job's silo dies (the job alone, or with
 * the throttle, crashed or shut down gracefully), the throttle crashes or is deactivated gracefully, a contact grain
 * crashes (also between its write-ahead and the dial), a job's exchange times out and the request reaches the throttle
 * later (a late delivery, at any point). A message is lost only with a grain a failure takes down.
 *
 * Properties: (1) no double dial: a call id reaches the platform once and nobody is on two calls (asserted in place);
 * (2) the ceiling: calls live on the platform <= C at every instant (asserted in place); (3) no lost contact: when
 * nothing can happen any more, every contact is final, no call is live and the throttle counts no slot (Watchdog).
 *
 * A step that would change nothing (a heartbeat round with nothing to tell, the re-ask of a contact whose call is
 * live) is left out, so that a run that could only stutter is an end state, which the Watchdog judges.
 */

#ifndef ATTEMPTS
#define ATTEMPTS 2
#endif
#ifndef FAILURES
#define FAILURES 1
#endif
/* A late delivery (a job's exchange whose call timed out, delivered to the throttle later) is one of the FAILURES;
 * -DLATE=0: none; -DLATE_APART: at most LATE of them on top of the FAILURES. OLD_RECOVERY: none. */
#ifdef OLD_RECOVERY
#undef LATE
#define LATE 0
#endif
#ifndef LATE
#define LATE 1
#endif

#define C    2          /* the organization's ceiling */
#define CAP  2          /* each job's concurrentCallLimit, the bound a job becomes a member with */
#define NJ   2
#define NC   3

/* Contact c belongs to job OWNER(c); job j has contacts FIRST(j)..LAST(j), OWNED(j) of them. */
#define OWNER(c) ((c) < 2 -> 0 : 1)
#define FIRST(j) ((j) == 0 -> 0 : 2)
#define LAST(j)  ((j) == 0 -> 1 : 2)
#define OWNED(j) ((j) == 0 -> 2 : 1)

/* A contact on its job's board (ContactBoard): ready to dial (fresh or retry due), in flight (queued or dialing), final. */
#define READY 0
#define INFL  1
#define FINAL 2

/* A call on the platform, by call id (contact, attempt). */
#define NONE  0
#define LIVE  1
#define ENDED 2
#define PST(c, a) pst[(c) * ATTEMPTS + (a) - 1]
#if ATTEMPTS == 1
#define CALLS_LIVE(c) (pst[(c)] == LIVE -> 1 : 0)
#else
#define CALLS_LIVE(c) ((pst[(c) * 2] == LIVE -> 1 : 0) + (pst[(c) * 2 + 1] == LIVE -> 1 : 0))
#endif

/* What ContactGrain.DialAsync answers the job. */
#define R_PLACED 1
#define R_ENDED  2
#define R_FAILED 3

/* The platform: every call id it was asked to place, how many calls are live, and the end it has yet to tell a contact. */
byte pst[NC * ATTEMPTS];
byte live;
byte pnote[NC];

/* Contact grains. Stored: the last attempt written ahead (crec) and whether its outcome is recorded (cout). In memory:
 * whether the record is loaded, the attempt whose report it retries to its job, a dial between write-ahead and platform. */
byte crec[NC];
bool cout[NC];
bool cload[NC];
byte crep[NC];
bool cbusy[NC];

/* Job boards, in memory: status, attempts, to be reconciled; and per job the counts by status. */
byte bst[NC];
byte batt[NC];
bool recon[NC];
byte hold[NJ];
byte rdy[NJ];
byte nfin[NJ];
bool holds[NJ];         /* JobDispatcher.HoldsSlots */
bool jdown[NJ];         /* died, not activated again yet */
bool ping[NJ];          /* the throttle asked the job to restate its holding */

/* Job storage: progress chunks (written at most once a heartbeat) and the in-flight record (written before a dial). */
byte dst[NC];
byte datt[NC];
byte drec[NC];

/* The throttle in memory: activated, and per job what it counts against the ceiling, settled by the job or not. */
bool tact;
byte cnt[NJ];
bool settled[NJ];
#ifdef OLD_RECOVERY
bool storedActive;      /* stored: ThrottleState.Active */
bool quiet;             /* the recovery quiet period: it grants nothing */
bool restated[NJ];      /* exchanged since this activation */
#else
bool mem[NJ];           /* stored: the members ... */
byte bnd[NJ];           /* ... and the most slots each may hold */
#endif

byte budget = FAILURES;

#if LATE > 0
/* The network: at most one exchange request held up (its job's call timed out), delivered later at any point. The job
 * stamps each request with its clock (SlotRequest.SentAt, strictly increasing per job, across its activations); the
 * ledger keeps the stamp of the request a lease stands on and ignores an older one. Only the order of the held request
 * against the lease's matters, so a flag stands for the stamps: lnewer = the lease of job lj stands on a request sent
 * after the held one (a later exchange of lj was applied since). No lease (removed, or the throttle's memory lost)
 * stands on nothing newer; a lease restored from storage stands on the activation (SlotLedger.Restore stamps it), later
 * than any request held across it. -DNO_RESTORE_STAMP: a restored lease stands on nothing newer either. */
#ifdef LATE_APART
byte late = LATE;       /* late deliveries left in this run */
#define LATE_LEFT (late > 0)
#else
#define LATE_LEFT (budget > 0)
#endif
byte lj = NJ;           /* the job whose request is held (NJ: none) */
byte lh;                /* its holding */
byte lw;                /* its wanted */
bool lnewer;
#endif

#define FREE (C - cnt[0] - cnt[1])
#define WANTED(j) (rdy[j] < CAP - hold[j] -> rdy[j] : CAP - hold[j])
/* The round sends an exchange (JobDispatcher.RunRoundAsync returns early otherwise); a pinged job always does. */
#define EXCHANGES(j) (hold[j] > 0 || holds[j] || WANTED(j) > 0 || ping[j])
/* A live job renews its lease each heartbeat while it exchanges; one that is down or idle does not. */
#define RENEWS(j) (!jdown[j] && EXCHANGES(j))
#define RECONCILING(j) ((j) == 0 -> (recon[0] || recon[1]) : recon[2])
#define REPORTING(j) ((j) == 0 -> (crep[0] != 0 || crep[1] != 0) : crep[2] != 0)

#ifdef OLD_RECOVERY
#define VIEW_DIFFERS(j) (!tact || cnt[j] != hold[j] || (quiet && !restated[j]))
#define GRANTABLE (!tact || (!quiet && FREE > 0))
#define EXPIRES(j) (tact && cnt[j] > 0 && !RENEWS(j))
/* The quiet period (3 s) outlasts a live job's heartbeat (1 s), not a dead job's return (its reminder, a minute). */
#define QUIET_OVER(j) (restated[j] || jdown[j] || hold[j] == 0)
#else
#define VIEW_DIFFERS(j) (!tact || !settled[j] || cnt[j] != hold[j])
#define GRANTABLE (!tact || FREE > 0)
#ifndef NO_REPING
/* an unsettled lease is pinged again each lease period, in case a ping was lost (-DNO_REPING: only once) */
#define EXPIRES(j) (tact && cnt[j] > 0 && !RENEWS(j) && !ping[j])
#else
#define EXPIRES(j) (tact && settled[j] && cnt[j] > 0 && !RENEWS(j))
#endif
#endif
#ifndef NO_BOUND_ON_GROWTH
/* a grant that takes a member past its stored bound (lowered by a graceful deactivation) stores CAP again first
   (-DNO_BOUND_ON_GROWTH: it does not) */
#define BOUND_LOW(j, n) (bnd[j] < (n))
#else
#define BOUND_LOW(j, n) false
#endif

/* A round that changes something: it reconciles, answers a ping, tells the throttle news, or may get slots. */
#define ROUND_USEFUL(j) (RECONCILING(j) || ping[j] || \
    (EXCHANGES(j) && (VIEW_DIFFERS(j) || holds[j] != (hold[j] > 0) || (WANTED(j) > 0 && GRANTABLE))))

/* An in-flight contact whose outcome nothing will bring: no report pending, no end to tell, no live call. */
#define STRANDED(c) (bst[c] == INFL && !recon[c] && crep[c] != batt[c] && pnote[c] != batt[c] && \
    !(crec[c] == batt[c] && !cout[c] && PST(c, batt[c]) == LIVE))

/* ---- the platform ---- */

/* The dialer places a call: properties (1) and (2). */
inline place(c, a) {
    assert(PST(c, a) == NONE);          /* (1) a call id is placed once */
    assert(CALLS_LIVE(c) == 0);         /* (1) nobody is on two calls */
    PST(c, a) = LIVE;
    live++;
    printf("MSC: contact %d attempt %d is placed: %d calls live\n", c, a, live);
    assert(live <= C)                   /* (2) the ceiling holds at every instant */
}

/* ---- contact grains ---- */

inline crash_contact(c) {
    printf("MSC: contact %d dies\n", c);
    cload[c] = false;
    crep[c] = 0;
    pnote[c] = 0;
    cbusy[c] = false
}

/* ContactGrain.CompleteCallAsync: the platform tells the end; the outcome is stored, then reported to the job. */
inline complete(c, a) {
    cload[c] = true;
    if
    :: crec[c] == a && !cout[c] -> cout[c] = true; crep[c] = a
    :: else -> skip
    fi
}

/* ---- job boards ---- */

inline setst(c, s) {
    if
    :: bst[c] == INFL -> hold[OWNER(c)]--
    :: bst[c] == READY -> rdy[OWNER(c)]--
    :: bst[c] == FINAL -> nfin[OWNER(c)]--
    fi;
    bst[c] = s;
    if
    :: bst[c] == INFL -> hold[OWNER(c)]++
    :: bst[c] == READY -> rdy[OWNER(c)]++
    :: bst[c] == FINAL -> nfin[OWNER(c)]++
    fi
}

/* ContactBoard.Apply: only the outcome of the attempt in flight counts; a duplicate or stale one changes nothing. */
inline apply(c, a) {
    if
    :: bst[c] == INFL && batt[c] == a ->
        printf("MSC: job %d applies contact %d attempt %d\n", OWNER(c), c, a);
        if
        :: a < ATTEMPTS -> setst(c, READY)
        :: else -> setst(c, FINAL)
        fi
    :: else -> skip
    fi
}

/* JobContactStore.LoadBoardAsync + the ContactBoard constructor: progress, raised by the in-flight record; what is in
 * flight is to be reconciled. Done when the job dies: its storage cannot change while it is down. */
inline load_board(j) {
    c = FIRST(j);
    do
    :: c <= LAST(j) ->
        setst(c, dst[c]);
        batt[c] = datt[c];
        if
        :: drec[c] > batt[c] -> setst(c, INFL); batt[c] = drec[c]
        :: else -> skip
        fi;
        recon[c] = (bst[c] == INFL);
        c++
    :: else -> break
    od;
    c = 0
}

/* JobContactStore.WriteInFlightAsync: every contact in flight, before any of them is dialed. */
inline write_in_flight(j) {
    c = FIRST(j);
    do
    :: c <= LAST(j) -> drec[c] = (bst[c] == INFL -> batt[c] : 0); c++
    :: else -> break
    od;
    c = 0
}

/* JobContactStore.SaveProgressAsync, from BatchJobGrain.FlushAsync. */
inline flush(j) {
    c = FIRST(j);
    do
    :: c <= LAST(j) -> dst[c] = bst[c]; datt[c] = batt[c]; c++
    :: else -> break
    od;
    c = 0
}

/* ContactBoard.Take: up to g ready contacts, in order, marked in flight with their next attempt. */
inline take(j, g) {
    c = FIRST(j);
    k = g;
    do
    :: c <= LAST(j) && k > 0 && bst[c] == READY ->
        setst(c, INFL); batt[c]++; taken = taken | (1 << c); k--; c++
    :: c <= LAST(j) && !(k > 0 && bst[c] == READY) -> c++
    :: else -> break
    od;
    c = 0;
    k = 0
}

/* ---- the throttle ---- */

inline throttle_forget() {
    tact = false;
    cnt[0] = 0; cnt[1] = 0;
    settled[0] = false; settled[1] = false;
#if LATE > 0
    lnewer = false;             /* the next activation restores leases with SentAt = MinValue */
#endif
#ifdef OLD_RECOVERY
    quiet = false;
    restated[0] = false; restated[1] = false
#endif
}

#ifdef OLD_RECOVERY

inline forget_stored() {
    storedActive = false
}

/* OrganizationThrottleGrain.OnActivateAsync (old): a quiet period after a crash, or after a deactivation while slots
 * were held; then Active = true is stored. */
inline activate(j) {
    tact = true;
    quiet = storedActive;
    storedActive = true;
    printf("MSC: the throttle is activated, quiet %d\n", quiet)
}

/* OrganizationThrottleGrain.OnDeactivateAsync (old): Active = (Held > 0). */
inline throttle_deactivate() {
    storedActive = (cnt[0] + cnt[1] > 0);
    throttle_forget()
}

/* OrganizationThrottleGrain.ExchangeAsync + SlotLedger.Exchange (old): records the holding; while quiet, grants nothing. */
inline exchange(j, h, w, g) {
    if
    :: !tact -> activate(j)
    :: else -> skip
    fi;
    cnt[j] = h;
    g = 0;
    if
    :: quiet -> restated[j] = true
    :: !quiet && w > 0 && FREE > 0 ->
        g = (w < FREE -> w : FREE);
        do                              /* its fair share may be less */
        :: g > 0 -> g--
        :: break
        od
    :: else -> skip
    fi;
    cnt[j] = cnt[j] + g
}

/* SlotLedger.Expire (old): a lease not renewed in time is dropped and its slots are free. */
inline expire(j) {
    printf("MSC: the throttle drops job %d's lease of %d slots\n", j, cnt[j]);
    cnt[j] = 0
}

#else

inline forget_stored() {
    mem[0] = false; mem[1] = false;
    bnd[0] = 0; bnd[1] = 0
}

/* OrganizationThrottleGrain.OnActivateAsync: every stored member is an unsettled lease counted at its bound, and is
 * pinged to restate (the job whose exchange activates the throttle restates in that very exchange). */
inline activate(j) {
    tact = true;
    k = 0;
    do
    :: k < NJ ->
        if
        :: mem[k] ->
            settled[k] = false;
            cnt[k] = bnd[k];
            if
            :: k != j -> ping[k] = true
            :: else -> skip
            fi
        :: else -> settled[k] = true; cnt[k] = 0
        fi;
        k++
    :: else -> break
    od;
    k = 0;
#if LATE > 0 && !defined(NO_RESTORE_STAMP)
    lnewer = (lj != NJ && mem[lj]);     /* a restored lease stands on the activation: a request held since is older */
#endif
    printf("MSC: the throttle is activated, counting %d and %d\n", cnt[0], cnt[1]);
    if
    :: budget == 0 -> forget_stored()
    :: else -> skip
    fi
}

/* OrganizationThrottleGrain.OnDeactivateAsync: each member's bound becomes what it holds now; idle members go. */
inline throttle_deactivate() {
    mem[0] = (cnt[0] > 0); bnd[0] = cnt[0];
    mem[1] = (cnt[1] > 0); bnd[1] = cnt[1];
    throttle_forget()
}

/* SlotLedger.Exchange (a request not older than the lease's): the job's holding settles its lease; a job granted slots
 * for the first time is stored as a member, bound CAP, before the grant is returned. */
inline settle(j, h, w, g) {
    settled[j] = true;
    cnt[j] = h;
    g = 0;
    if
    :: w > 0 && FREE > 0 ->
        g = (w < FREE -> w : FREE);
        do                              /* its fair share may be less */
        :: g > 0 -> g--
        :: break
        od
    :: else -> skip
    fi;
    if
    :: g > 0 && (!mem[j] || BOUND_LOW(j, h + g)) && budget > 0 -> mem[j] = true; bnd[j] = CAP
    :: else -> skip                     /* (with no failure left, nothing reads the members again) */
    fi;
    cnt[j] = cnt[j] + g
}

/* OrganizationThrottleGrain.ExchangeAsync: a job's live exchange, sent after any request of it the network holds. */
inline exchange(j, h, w, g) {
    if
    :: !tact -> activate(j)
    :: else -> skip
    fi;
    settle(j, h, w, g);
#if LATE > 0 && !defined(NO_SENT_AT)
    if
    :: j == lj -> lnewer = (h > 0 || w > 0)    /* holding 0 and wanted 0 remove the lease, and its SentAt */
    :: else -> skip
    fi
#else
    skip
#endif
}

#if LATE > 0
/* The held request reaches the throttle (re-routed to a new activation, or late to the same one). Its job gave up on
 * the call, so whatever it is granted nobody takes. SlotLedger.Exchange ignores it when the lease stands on a later
 * request (-DNO_SENT_AT: it applies it blindly). */
inline deliver_late() {
    if
    :: !tact ->                 /* the late request activates the throttle: every member is asked to re-state */
        printf("MSC: job %d's late request activates the throttle\n", lj);
        activate(NJ)
    :: else -> skip
    fi;
    if
#ifndef NO_SENT_AT
    :: lnewer ->
        printf("MSC: job %d's late request (holding %d, wanted %d) is older than its lease's: ignored\n", lj, lh, lw)
#endif
    :: else ->
        settle(lj, lh, lw, g);
        printf("MSC: job %d's late request (holding %d, wanted %d) is applied: the throttle counts %d for it\n",
            lj, lh, lw, cnt[lj])
    fi;
    lj = NJ; lh = 0; lw = 0; lnewer = false; g = 0
}
#endif

/* SlotLedger.Expire: a lease not renewed in time is unsettled again, still counted, and its job is pinged. */
inline expire(j) {
    printf("MSC: job %d's lease of %d slots expires: unsettled, the job is pinged\n", j, cnt[j]);
    settled[j] = false;
    ping[j] = true
}

#endif

/* ---- failures ---- */

/* Once no failure is left nothing reads a job's storage again (a job that is down loaded its board when it died), nor an
 * active throttle's: it is cleared, so that states that differ only there are one state. */
inline spend_failure() {
    budget--;
    if
    :: budget == 0 ->
        dst[0] = 0; dst[1] = 0; dst[2] = 0;
        datt[0] = 0; datt[1] = 0; datt[2] = 0;
        drec[0] = 0; drec[1] = 0; drec[2] = 0;
        if
        :: tact -> forget_stored()
        :: else -> skip
        fi
    :: else -> skip
    fi
}

/* The job's silo dies: the job alone, or with the throttle (crashed, or deactivated as the silo shuts down). */
inline job_crash(j) {
    if
    :: printf("MSC: job %d dies\n", j)
    :: tact -> throttle_forget(); printf("MSC: job %d dies, and the throttle on its silo\n", j)
    :: tact -> throttle_deactivate(); printf("MSC: job %d's silo shuts down: the throttle is deactivated, the job dies\n", j)
    fi;
    jdown[j] = true;
    ping[j] = false;
    holds[j] = false;
    load_board(j);
    spend_failure();
    g = 0; h = 0; w = 0; a = 0; taken = 0; res = 0; placing = false
}

/* Between two of the job's awaits: the job may die here, and what it was doing is lost. */
#define CRASH_POINT(j) \
    if \
    :: atomic { budget > 0 -> job_crash(j) }; goto end_job \
    :: skip \
    fi

/* JobDispatcher.DialOneAsync: the contact's answer applied to the board. */
#define HANDLE(c, a) \
    if \
    :: res == R_ENDED -> apply(c, a) \
    :: res == R_FAILED && bst[c] == INFL && batt[c] == a -> recon[c] = true \
    :: else -> skip \
    fi

/* JobDispatcher.DialOneAsync -> ContactGrain.DialAsync. */
inline dial(c, a, first) {
    atomic {
        res = R_PLACED;
        placing = false;
        if
        :: !cload[c] && first ->
            /* a contact never dialed writes its record without reading it first */
            if
            :: crec[c] == 0 -> crec[c] = a; cout[c] = false; cload[c] = true; placing = true
            :: else -> res = R_FAILED     /* a record exists: its etag refuses the write, the job asks again */
            fi
        :: else ->
            cload[c] = true;
            if
            :: crec[c] > a || (crec[c] == a && cout[c]) -> res = R_ENDED
            :: crec[c] == a && !cout[c] ->
                /* ContactGrain.ReconcileAsync: the platform tells by call id whether it got the call */
                if
                :: PST(c, a) == NONE -> place(c, a)
                :: PST(c, a) == LIVE -> skip
                :: PST(c, a) == ENDED -> cout[c] = true; res = R_ENDED
                fi
            :: crec[c] < a ->
                assert(crec[c] == 0 || cout[c]);
                crec[c] = a; cout[c] = false; placing = true
            fi
        fi;
        cbusy[c] = placing;
        if
        :: !placing -> HANDLE(c, a)
        :: else -> skip
        fi
    };
    if
    :: atomic { placing && budget > 0 ->       /* the contact dies between its write-ahead and the dial */
            spend_failure(); crash_contact(c); res = R_FAILED; HANDLE(c, a); placing = false }
    :: atomic { placing -> cbusy[c] = false; place(c, a); res = R_PLACED; placing = false }
    :: !placing -> skip
    fi;
    res = 0
}

/* ContactBoard.TakeReconcile: each contact in flight when the board was loaded (or whose dial failed) is asked again
 * for the same attempt. */
inline reconcile(j) {
    c = FIRST(j);
    do
    :: c <= LAST(j) ->
        if
        :: recon[c] -> CRASH_POINT(j); recon[c] = false; a = batt[c]; dial(c, a, false)
        :: else -> skip
        fi;
        c++
    :: else -> break
    od;
    c = 0
}

/* ---- processes ---- */

proctype Job(byte j) {
    byte g, h, w, c, a, k, taken, res;
    bool placing;
end_job:
    do
    /* ContactGrain.ReportAsync -> BatchJobGrain.ReportAttemptAsync; the contact then deactivates when idle */
    :: atomic { !jdown[j] && OWNER(0) == j && crep[0] != 0 ->
            apply(0, crep[0]); crep[0] = 0; cload[0] = (cload[0] && !cout[0]) }
    :: atomic { !jdown[j] && OWNER(1) == j && crep[1] != 0 ->
            apply(1, crep[1]); crep[1] = 0; cload[1] = (cload[1] && !cout[1]) }
    :: atomic { !jdown[j] && OWNER(2) == j && crep[2] != 0 ->
            apply(2, crep[2]); crep[2] = 0; cload[2] = (cload[2] && !cout[2]) }
    /* the job asks an in-flight contact again once its outcome is overdue */
    :: atomic { !jdown[j] && OWNER(0) == j && STRANDED(0) -> recon[0] = true }
    :: atomic { !jdown[j] && OWNER(1) == j && STRANDED(1) -> recon[1] = true }
    :: atomic { !jdown[j] && OWNER(2) == j && STRANDED(2) -> recon[2] = true }
    /* the job's silo dies between turns */
    :: atomic { !jdown[j] && budget > 0 -> job_crash(j) }
    /* BatchJobGrain.OnActivateAsync: its reminder (while it runs), a ping or a contact's report activates it again */
    :: atomic { jdown[j] && (nfin[j] != OWNED(j) || ping[j] || REPORTING(j)) ->
            jdown[j] = false; printf("MSC: job %d is activated again\n", j) }
#if LATE > 0
    /* a round whose exchange times out (RunRoundAsync throws at its first await): the request is held by the network */
    :: atomic { !jdown[j] && ROUND_USEFUL(j) && EXCHANGES(j) && LATE_LEFT && lj == NJ ->
#ifdef LATE_APART
            late--;
#else
            spend_failure();
#endif
            lj = j; lh = hold[j]; lw = WANTED(j); lnewer = false;
            printf("MSC: job %d's exchange (holding %d, wanted %d) times out: the network holds it\n", j, lh, lw) }
#endif
    /* BatchJobGrain.HeartbeatAsync -> JobDispatcher.RunRoundAsync */
    :: atomic { !jdown[j] && ROUND_USEFUL(j) ->
#ifdef OLD_RECOVERY
            skip };
        reconcile(j);           /* old order: in-flight contacts are asked again before the exchange restates them */
        atomic {
#endif
            g = 0;
            if
            :: EXCHANGES(j) ->
                h = hold[j];
                w = WANTED(j);
                ping[j] = false;
                exchange(j, h, w, g);
                printf("MSC: job %d exchanges holding %d wanted %d: granted %d\n", j, h, w, g);
                holds[j] = (h + g > 0);
                take(j, g)
            :: else -> skip
            fi;
            h = 0; w = 0; g = 0 };
        if
        :: taken != 0 -> CRASH_POINT(j); d_step { if :: budget > 0 -> write_in_flight(j) :: else -> skip fi }
        :: else -> skip
        fi;
#ifndef OLD_RECOVERY
        reconcile(j);           /* in-flight contacts are asked again only once the exchange has restated them */
#endif
        c = FIRST(j);
        do
        :: c <= LAST(j) ->
            if
            :: taken & (1 << c) -> CRASH_POINT(j); a = batt[c]; dial(c, a, a == 1)
            :: else -> skip
            fi;
            c++
        :: else -> break
        od;
        /* BatchJobGrain.FlushAsync: forced when the job finishes, otherwise at most once a heartbeat */
        if
        :: budget > 0 && nfin[j] == OWNED(j) -> d_step { flush(j) }
        :: budget > 0 && nfin[j] != OWNED(j) -> d_step { flush(j) }
        :: nfin[j] != OWNED(j) || budget == 0 -> skip
        fi;
        d_step { c = 0; a = 0; taken = 0 }
    od
}

proctype Platform() {
end_platform:
    do
    /* a call ends */
    :: atomic { pst[0] == LIVE -> pst[0] = ENDED; live--; pnote[0 / ATTEMPTS] = 0 % ATTEMPTS + 1 }
    :: atomic { pst[1] == LIVE -> pst[1] = ENDED; live--; pnote[1 / ATTEMPTS] = 1 % ATTEMPTS + 1 }
    :: atomic { pst[2] == LIVE -> pst[2] = ENDED; live--; pnote[2 / ATTEMPTS] = 2 % ATTEMPTS + 1 }
#if ATTEMPTS == 2
    :: atomic { pst[3] == LIVE -> pst[3] = ENDED; live--; pnote[1] = 2 }
    :: atomic { pst[4] == LIVE -> pst[4] = ENDED; live--; pnote[2] = 1 }
    :: atomic { pst[5] == LIVE -> pst[5] = ENDED; live--; pnote[2] = 2 }
#endif
    /* the platform tells the contact (ContactGrain.CompleteCallAsync) */
    :: atomic { pnote[0] != 0 && !cbusy[0] -> complete(0, pnote[0]); pnote[0] = 0 }
    :: atomic { pnote[1] != 0 && !cbusy[1] -> complete(1, pnote[1]); pnote[1] = 0 }
    :: atomic { pnote[2] != 0 && !cbusy[2] -> complete(2, pnote[2]); pnote[2] = 0 }
    od
}

/* The throttle's timers: lease expiry, and (old) the end of the quiet period. */
proctype Throttle() {
#if LATE > 0
    byte g, k;
#endif
end_throttle:
    do
    :: atomic { EXPIRES(0) -> expire(0) }
    :: atomic { EXPIRES(1) -> expire(1) }
#if LATE > 0
    :: atomic { lj != NJ -> deliver_late() }
#endif
#ifdef OLD_RECOVERY
    :: atomic { tact && quiet && QUIET_OVER(0) && QUIET_OVER(1) -> quiet = false; printf("MSC: the quiet period ends\n") }
#endif
    od
}

/* Failures of grains other than jobs: the throttle (crash, or graceful deactivation) and contacts. */
proctype Silos() {
end_silos:
    do
    :: atomic { budget > 0 && tact -> throttle_forget(); spend_failure(); printf("MSC: the throttle dies\n") }
    :: atomic { budget > 0 && tact -> throttle_deactivate(); spend_failure(); printf("MSC: the throttle is deactivated\n") }
    :: atomic { budget > 0 && !cbusy[0] && (cload[0] || crep[0] != 0 || pnote[0] != 0) -> spend_failure(); crash_contact(0) }
    :: atomic { budget > 0 && !cbusy[1] && (cload[1] || crep[1] != 0 || pnote[1] != 0) -> spend_failure(); crash_contact(1) }
    :: atomic { budget > 0 && !cbusy[2] && (cload[2] || crep[2] != 0 || pnote[2] != 0) -> spend_failure(); crash_contact(2) }
    :: atomic { budget > 0 -> budget = 1; spend_failure() }      /* no (more) failures in this run */
    od
}

/* (3) When nothing can happen any more: every contact is final, no call is live, no slot is counted. */
active proctype Watchdog() {
    timeout ->
    assert(nfin[0] == 2 && nfin[1] == 1);
    assert(live == 0);
    assert(!tact || (cnt[0] == 0 && cnt[1] == 0))
}

init {
    atomic {
        rdy[0] = 2;
        rdy[1] = 1;
        run Throttle();
        run Silos();
        run Platform();
        run Job(0);
        run Job(1)
    }
}
