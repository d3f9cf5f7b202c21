"""zeep's side of the codec comparison: for each sample written by
`bench_codec samples DIR`, the median time of create_message (+ serialising it to
bytes, as sending needs) and of process_reply on the same response bytes.

usage: python zeep_codec.py SAMPLES_DIR WSDL  -> JSON lines
"""
import json
import os
import sys
import timeit

from lxml import etree
import zeep


class Reply:
    """The parts of a requests.Response that zeep's process_reply reads."""

    def __init__(self, content, content_type):
        self.status_code = 200
        self.content = content
        self.headers = {"Content-Type": content_type}
        self.encoding = "utf-8"


def median_ns(fn):
    number = 1
    while timeit.timeit(fn, number=number) < 0.02:
        number *= 2
    runs = timeit.repeat(fn, number=number, repeat=15)
    runs.sort()
    return runs[len(runs) // 2] / number * 1e9


def main():
    samples, wsdl = sys.argv[1], sys.argv[2]
    client = zeep.Client(wsdl)
    ports = {"soap11": "APISoap", "soap12": "APISoap12"}
    content_types = {"soap11": "text/xml; charset=utf-8", "soap12": "application/soap+xml; charset=utf-8"}
    for name in sorted(os.listdir(samples)):
        if not name.endswith(".kwargs.json"):
            continue
        operation, version = name.split(".")[:2]
        with open(os.path.join(samples, name)) as f:
            kwargs = json.load(f)
        with open(os.path.join(samples, f"{operation}.{version}.response.xml"), "rb") as f:
            response = f.read()
        service = client.bind("API", ports[version])
        binding = service._binding
        op = binding.get(operation)

        def create():
            etree.tostring(client.create_message(service, operation, **kwargs))

        def parse():
            binding.process_reply(client, op, Reply(response, content_types[version]))

        parse()  # fail early if zeep cannot read it
        print(json.dumps({
            "operation": operation,
            "version": version,
            "create_ns": median_ns(create),
            "parse_ns": median_ns(parse),
        }), flush=True)


if __name__ == "__main__":
    main()
