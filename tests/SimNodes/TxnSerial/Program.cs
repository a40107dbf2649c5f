return Glomers.NodeRuntime.Hosting.NodeHost.Run<Glomers.SimNodes.TxnSerial.TxnSerialNode, Glomers.SimNodes.TxnSerial.TxnSerialNode.Options>(args);
