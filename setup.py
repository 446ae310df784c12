"""Which packages the wheel holds; every other setting is in pyproject.toml.

``resources/`` stays at the top of the repository and is installed as the package
``guichet_resources`` (read through ``guichet.assets``): pyproject.toml alone cannot add a
package that lives under another folder name to the ones ``packages.find`` discovers.
"""

from setuptools import find_namespace_packages, setup

setup(
    packages=[
        *find_namespace_packages(include=["guichet", "guichet.*"], exclude=["*.__pycache__"]),
        "guichet_resources",
        *(f"guichet_resources.{name}" for name in find_namespace_packages("resources")),
    ],
    package_dir={"guichet_resources": "resources"},
)
