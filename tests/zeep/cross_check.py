"""Cross-check against an independent SOAP stack (zeep).

For every operation and SOAP version in SAMPLES (written by
`cargo run --example cross_check_samples`), zeep builds the request from the
same WSDL and the same values; the two envelopes must be the same XML tree
(namespaces, names, order, text) with the same SOAPAction. Then zeep reads
every golden response envelope of ours (tests/golden/responses) and must find
the result value we wrote. For requests with nested content (lines marked
`round_trip`: other namespaces, choices, attributes), zeep reads our envelope
strictly and writes it again; both must be the same tree.

Where ASP.NET's known behaviour differs from zeep's, ASP.NET wins and the
difference is allowed here, named:
  * SOAP 1.2 answers: ASP.NET writes the prefix `soap` for the 1.2 envelope
    namespace (zeep would write `soap-env`); only namespaces are compared.
  * An optional nillable element sent as `xsi:nil`: zeep reads it as None and
    leaves it out when writing; ASP.NET (and we) keep nil and absent apart, so
    nil elements are not compared in the round trip.

Usage: python cross_check.py SAMPLES.jsonl GOLDEN_RESPONSES_DIR
(run from the repository root: each sample names its WSDL by relative path).
Prints each failure, each operation left out (with why), and "N passed, N failed".
"""

import datetime
import json
import os
import sys

import zeep
from lxml import etree
from zeep.helpers import serialize_object
from zeep.xsd import types as xsd_types
from zeep.xsd.types import builtins

SOAP12_ENV = "http://www.w3.org/2003/05/soap-envelope"
RESERVED = {"self", "service", "operation_name"}
XSI_NIL = "{http://www.w3.org/2001/XMLSchema-instance}nil"


def python_value(xsd_type, text):
    """The Python value zeep wants for `text` of `xsd_type`."""
    if isinstance(xsd_type, xsd_types.ListType):
        return text.split()
    if isinstance(xsd_type, builtins.Boolean):
        return text == "true"
    if isinstance(xsd_type, (builtins.Integer, builtins.Int, builtins.Long, builtins.Short)):
        return int(text)
    if isinstance(xsd_type, builtins.DateTime):
        return datetime.datetime.fromisoformat(text)
    return text


def tree(element):
    """(namespace-qualified tag and sorted attributes, text, children) with
    whitespace-only text as ''. Namespace declarations are not attributes here."""
    text = (element.text or "").strip() if len(element) else (element.text or "")
    tag = (element.tag, tuple(sorted(element.attrib.items())))
    return (tag, text, [tree(c) for c in element])


def first_difference(a, b, path=""):
    tag_a, text_a, kids_a = a
    tag_b, text_b, kids_b = b
    here = f"{path}/{etree.QName(tag_a[0]).localname}"
    if tag_a != tag_b:
        return f"{here}: element {tag_a} vs {tag_b}"
    if text_a != text_b:
        return f"{here}: text {text_a!r} vs {text_b!r}"
    if len(kids_a) != len(kids_b):
        names_a = [etree.QName(k[0][0]).localname for k in kids_a]
        names_b = [etree.QName(k[0][0]).localname for k in kids_b]
        return f"{here}: children {names_a} vs {names_b}"
    for ka, kb in zip(kids_a, kids_b):
        d = first_difference(ka, kb, here)
        if d:
            return d
    return None


class Service:
    """One WSDL loaded by zeep, with its SOAP ports by version."""

    def __init__(self, wsdl):
        self.client = zeep.Client(wsdl)
        self.ports = {}
        for service in self.client.wsdl.services.values():
            for port in service.ports.values():
                kind = port.binding.__class__.__name__
                if kind == "Soap11Binding":
                    self.ports.setdefault("1.1", (service, port))
                elif kind == "Soap12Binding":
                    self.ports.setdefault("1.2", (service, port))


def without_nil(element):
    """`element` with its `xsi:nil` children removed: zeep reads a nil optional
    element as None and leaves it out when writing (ASP.NET keeps it; so do we)."""
    for child in list(element):
        if child.get(XSI_NIL) in ("true", "1"):
            element.remove(child)
        else:
            without_nil(child)
    return element


def round_trip(svc, version, body):
    """zeep reads our request envelope (strictly: an element it does not expect is
    an error) and writes it again; None when both bodies are the same tree."""
    service, port = svc.ports[version]
    ours = etree.fromstring(body.encode("utf-8"))
    ours_body = ours.find("{*}Body")
    element = ours_body[0]
    operation = next(
        op for op in port.binding._operations.values()
        if op.input.body.qname == element.tag
    )
    try:
        value = operation.input.deserialize(ours)
    except Exception as e:  # zeep's own error types vary by what it refuses
        return f"zeep refused it: {e}"
    kwargs = serialize_object(value)
    kwargs = dict(kwargs) if kwargs else {}
    theirs = svc.client.create_message(svc.client.bind(service.name, port.name), operation.name, **kwargs)
    return first_difference(tree(without_nil(ours_body)), tree(theirs.find("{*}Body")))


def main():
    samples, responses = sys.argv[1], sys.argv[2]
    services = {}
    passed = failed = 0

    def report(ok, what):
        nonlocal passed, failed
        if ok:
            passed += 1
        else:
            failed += 1
            print(f"FAIL {what}")

    for line in open(samples, encoding="utf-8"):
        s = json.loads(line)
        if s.get("round_trip"):
            wsdl = s["wsdl"]
            if wsdl not in services:
                services[wsdl] = Service(wsdl)
            diff = round_trip(services[wsdl], s["soap"], s["body"])
            report(diff is None, f"{wsdl} SOAP {s['soap']}: zeep read and rewrote our request differently: {diff}")
            continue
        name, version, wsdl = s["operation"], s["soap"], s["wsdl"]
        if "skipped" in s:
            print(f"not compared: {wsdl} {name} SOAP {version}: {s['skipped']}")
            continue
        if wsdl not in services:
            services[wsdl] = Service(wsdl)
        svc = services[wsdl]
        service, port = svc.ports[version]
        operation = port.binding.get(name)
        body_type = operation.input.body.type
        # Elements and the body element's attributes, both by name (as zeep takes them).
        named = list(body_type.elements) + list(body_type.attributes)
        kwargs = {
            el_name: python_value(el.type, s["values"][el_name])
            for el_name, el in named
            if el_name in s["values"]
        }
        proxy = svc.client.bind(service.name, port.name)
        # An element named like one of create_message's own parameters (`self`)
        # cannot be a keyword: then the elements go by position, in order.
        if RESERVED & kwargs.keys():
            args = [kwargs.pop(el_name, None) for el_name, _ in body_type.elements]
            theirs = svc.client.create_message(proxy, name, *args, **kwargs)
        else:
            theirs = svc.client.create_message(proxy, name, **kwargs)
        ours = etree.fromstring(s["body"].encode("utf-8"))
        # The body is compared: headers (SoapHeader parts) are filled by zeep only
        # when given, by us only when set, and both left empty here.
        ours_body = ours.find("{*}Body")
        theirs_body = theirs.find("{*}Body")
        diff = first_difference(tree(ours_body), tree(theirs_body))
        report(diff is None, f"{wsdl} {name} SOAP {version}: request tree differs: {diff}")
        report(ours.tag == theirs.tag, f"{wsdl} {name} SOAP {version}: envelope {ours.tag} vs {theirs.tag}")
        action = operation.soapaction
        if version == "1.1":
            report(s["soap_action"] == f'"{action}"', f"{name} SOAP 1.1: SOAPAction {s['soap_action']} vs {action}")
        elif action:
            report(f'action="{action}"' in s["content_type"], f"{name} SOAP 1.2: content type {s['content_type']} vs action {action}")

        # zeep reads our answers (one envelope per result value), where we keep them.
        tag = "soap11" if version == "1.1" else "soap12"
        path = os.path.join(responses, f"{name}.{tag}.xml")
        if wsdl != "wsdl/API.asmx.wsdl" or not os.path.exists(path):
            continue
        for answer in open(path, encoding="utf-8").read().splitlines():
            envelope = etree.fromstring(answer.encode("utf-8"))
            body = envelope.find(f"{{{envelope.nsmap['soap']}}}Body")
            ours_result = body[0][0].text
            result = operation.output.deserialize(envelope)
            value = result if isinstance(result, str) else result[body[0][0].tag.split("}")[1]]
            report(value == ours_result, f"{name} SOAP {version}: zeep read {value!r}, we wrote {ours_result!r}")
            if version == "1.2":
                # ASP.NET's prefix for SOAP 1.2 answers is `soap`, bound to the 1.2 namespace.
                report(envelope.nsmap.get("soap") == SOAP12_ENV, f"{name}: 1.2 answer prefix")

    print(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed or not passed else 0)


if __name__ == "__main__":
    main()
