"""Runtime machinery around the flow: the worker-process pool (`pool`), the cached spaCy
loaders (`models`), the local Prefect server (`server`), Dask scale-out (`cluster`) and scheduled
runs (`schedule`)."""
