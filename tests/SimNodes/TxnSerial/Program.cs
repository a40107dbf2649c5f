return Glomers.NodeRuntime.Hosting.NodeHost.Run<Glomers.SimNodes.TxnSerial.TxnSerialNode>(args);
