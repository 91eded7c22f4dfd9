"""Only a work-around; everything else about the package is in pyproject.toml.

setuptools' editable install (``pip install -e .``, which the README's
requirements.txt and binder/requirements.txt use) is meant to copy
``[tool.setuptools.data-files]`` into the environment, but it asks the
distribution for ``has_data()``, a method only the install command has, so the
data files are silently left out (setuptools 68 to at least 84).  Defining it
here makes ``pip install -e .`` install them like ``pip install .`` does.
tests/test_setup_files.py checks that the file is installed.
"""

from setuptools import setup
from setuptools.dist import Distribution


class _Distribution(Distribution):
    def has_data(self) -> bool:
        return self.has_data_files()


setup(distclass=_Distribution)
