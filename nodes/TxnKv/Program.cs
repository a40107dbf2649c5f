return Glomers.NodeRuntime.Hosting.NodeHost.Run<Glomers.TxnKv.TxnKvNode, Glomers.TxnKv.TxnKvOptions>(args);
