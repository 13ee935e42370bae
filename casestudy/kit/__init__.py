"""The contribution kit: keeping the index in step with the case studies (`index`), untangling
numbers two merged pull requests both took (`renumber`), exporting the directory (`catalog`) and
bootstrapping a new directory (`init`)."""
