"""Expands template.yaml with the SAM translator, as `sam deploy` would, for a deploy into moto.

Usage: sam_transform.py TEMPLATE OUT_JSON CODE_BUCKET [--for-moto]
Every function's CodeUri (a local zip path) becomes s3://CODE_BUCKET/<zip file name>; the caller uploads
the zips there. Prints the zip paths the template names, one per line, relative to the template.

--for-moto: moto's CloudFormation cannot build AWS::Lambda::Alias, and a rule or permission that
references the alias then fails the whole stack. For moto only, such references point at the function
itself and the aliases are dropped. Real AWS deploys the template unchanged.
"""
import json
import os
import sys

os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")

from samtranslator.public.translator import ManagedPolicyLoader  # noqa: E402,F401
from samtranslator.translator.transform import transform  # noqa: E402
from samtranslator.yaml_helper import yaml_parse  # noqa: E402


class OfflinePolicyLoader:
    """SAM asks IAM for managed policy ARNs; offline, the few it needs are known."""

    def load(self):
        arn = "arn:aws:iam::aws:policy/service-role/"
        return {
            "AWSLambdaBasicExecutionRole": arn + "AWSLambdaBasicExecutionRole",
            "AWSXrayWriteOnlyAccess": "arn:aws:iam::aws:policy/AWSXrayWriteOnlyAccess",
            "AWSLambdaSQSQueueExecutionRole": arn + "AWSLambdaSQSQueueExecutionRole",
        }


def point_aliases_at_functions(template):
    resources = template["Resources"]
    aliases = {name: r["Properties"]["FunctionName"]["Ref"]
               for name, r in resources.items() if r["Type"] == "AWS::Lambda::Alias"}

    def rewrite(node):
        if isinstance(node, dict):
            if set(node) == {"Ref"} and node["Ref"] in aliases:
                return {"Fn::GetAtt": [aliases[node["Ref"]], "Arn"]}
            return {k: rewrite(v) for k, v in node.items()}
        if isinstance(node, list):
            return [rewrite(v) for v in node]
        return node

    for name in aliases:
        del resources[name]
    template["Resources"] = rewrite(resources)
    return template


def main(template_path, out_path, bucket, for_moto=False):
    with open(template_path) as f:
        template = yaml_parse(f.read())
    zips = []
    for resource in template.get("Resources", {}).values():
        if resource.get("Type") == "AWS::Serverless::Function":
            props = resource["Properties"]
            code_uri = props["CodeUri"]
            zips.append(code_uri)
            props["CodeUri"] = "s3://%s/%s" % (bucket, os.path.basename(code_uri))
    output = transform(template, {}, OfflinePolicyLoader())
    if for_moto:
        output = point_aliases_at_functions(output)
    with open(out_path, "w") as f:
        json.dump(output, f, indent=1, default=str)
    for z in zips:
        print(z)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3], "--for-moto" in sys.argv[4:])
