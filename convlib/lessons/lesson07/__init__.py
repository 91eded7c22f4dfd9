"""Lesson 07, "From edges to objects: learning the kernels": what only this lesson uses."""
