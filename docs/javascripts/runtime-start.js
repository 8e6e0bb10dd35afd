// Start the Python runtime as soon as a page with a Python widget begins to load, not once
// its widgets are set up: the runtime then downloads and starts while the page itself does
// (on a cold visit the widgets are set up some 400 ms after the first byte). The theme adds
// this script to such pages' <head> (overrides/main.html; macros/_shell.py marks the
// widgets data-python). widget-kit.js then finds the runtime started: one worker per page,
// as ever (python-runtime.js). After an instant navigation the widgets start it themselves.
import { warmPython } from "./python-runtime.js";

warmPython();
