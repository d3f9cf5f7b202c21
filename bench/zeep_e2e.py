"""zeep's side of the end-to-end comparison: CALLS startSession calls with
CONCURRENCY threads in flight (each with its own zeep client and keep-alive
requests session) against a running rescue-emulator; calls/s and peak memory.

usage: python zeep_e2e.py URL WSDL CONCURRENCY CALLS  -> one JSON line
"""
import itertools
import json
import resource
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import zeep


def main():
    url, wsdl, concurrency, calls = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    setup = zeep.Client(wsdl)
    service = setup.create_service("{https://secure.logmeinrescue.com/API/API.asmx}APISoap", url)
    for _ in range(4):
        auth = service.requestAuthCode(sEmail="admin@example.com", sPassword="admin-password")
        if auth["requestAuthCodeResult"] != "requestAuthCode_PollRateExceeded":
            break
        time.sleep(1.2)  # another process asked for a code less than a second ago
    code = auth["sAuthCode"]
    if not code:
        sys.exit("zeep_e2e: no auth code: %s" % auth["requestAuthCodeResult"])
    counter = itertools.count()
    lock = threading.Lock()
    failures = [0]

    def worker():
        client = zeep.Client(wsdl)
        svc = client.create_service("{https://secure.logmeinrescue.com/API/API.asmx}APISoap", url)
        return client, svc

    clients = [worker() for _ in range(concurrency)]

    def run(svc):
        while True:
            with lock:
                i = next(counter)
            if i >= calls:
                return
            r = svc.startSession(iSession=1, iNode=1001, sAuthCode=code)
            if r != "startSessionRet_ActionFailed":
                with lock:
                    failures[0] += 1

    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        for f in [pool.submit(run, svc) for _, svc in clients]:
            f.result()
    secs = time.perf_counter() - start
    print(json.dumps({
        "client": "zeep",
        "concurrency": concurrency,
        "calls": calls,
        "failures": failures[0],
        "seconds": secs,
        "calls_per_sec": calls / secs,
        "peak_rss_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
    }), flush=True)


if __name__ == "__main__":
    main()
