# Python requests, as an agent would write it: honours HTTPS_PROXY and REQUESTS_CA_BUNDLE by itself.
import json
import os

import requests

response = requests.post(
    "https://api.github.com/repos/acme/widgets/issues",
    json={"title": "from python"},
    headers={"Authorization": "token " + os.environ["GITHUB_TOKEN"]},
    timeout=20,
)
print(json.dumps({"status": response.status_code, "number": response.json().get("number")}))
